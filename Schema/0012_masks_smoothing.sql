-- Spatial masks and steady video (issue #15, features 2 and 3). A masked job names its mask blob
-- by key (referenced while the job is unfinished, as its content is) and the strength of each
-- region; its styles are job_styles rows tagged with their region ('all' for an unmasked job's
-- mix, as every existing row is). temporal_smoothing is 0 for jobs from before: they rendered
-- frame by frame.

ALTER TABLE jobs ADD COLUMN temporal_smoothing REAL NOT NULL DEFAULT 0
    CHECK (temporal_smoothing >= 0 AND temporal_smoothing <= 1);
ALTER TABLE jobs ADD COLUMN mask_sha256 TEXT CHECK (mask_sha256 IS NULL OR length(mask_sha256) = 64);
ALTER TABLE jobs ADD COLUMN mask_white_strength REAL
    CHECK (mask_white_strength IS NULL OR (mask_white_strength >= 0 AND mask_white_strength <= 1));
ALTER TABLE jobs ADD COLUMN mask_black_strength REAL
    CHECK (mask_black_strength IS NULL OR (mask_black_strength >= 0 AND mask_black_strength <= 1));
ALTER TABLE job_styles ADD COLUMN region TEXT NOT NULL DEFAULT 'all' CHECK (region IN ('all', 'white', 'black'));

-- The mask and its regions by their API names ({"asset_id", "white": {"filter_id", "strength"}, "black": …}).
ALTER TABLE stylization_inputs ADD COLUMN mask TEXT;

CREATE INDEX jobs_active_mask ON jobs(mask_sha256) WHERE status IN ('queued', 'running') AND mask_sha256 IS NOT NULL;

DROP VIEW blob_references;
CREATE VIEW blob_references (sha256) AS
    SELECT sha256 FROM assets
    UNION ALL SELECT style_sha256 FROM filters
    UNION ALL SELECT thumbnail_sha256 FROM filters
    UNION ALL SELECT content_sha256 FROM jobs WHERE status IN ('queued', 'running') AND content_sha256 IS NOT NULL
    UNION ALL SELECT result_sha256 FROM jobs WHERE result_sha256 IS NOT NULL AND result_asset_id IS NULL
    UNION ALL SELECT mask_sha256 FROM jobs WHERE status IN ('queued', 'running') AND mask_sha256 IS NOT NULL;
