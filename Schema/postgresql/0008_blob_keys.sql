-- Blobs by key, not by path (issue #13, item 4): the PostgreSQL form of Schema/0008_blob_keys.sql.
-- A job names its content and its result by blob key (the SHA-256 the blob store files it under),
-- so any node that reaches the blob store can run the job or serve its result.
--
-- Rows are converted from the paths LocalDiskBlobStore wrote, `<blobs>/ab/cd/<sha256>`, exactly
-- as on SQLite; unfinished jobs whose content is not a stored blob fail with `invalid_content`
-- and their frames are released.

ALTER TABLE jobs ADD COLUMN content_sha256 text CHECK (content_sha256 IS NULL OR length(content_sha256) = 64);
ALTER TABLE jobs ADD COLUMN result_sha256 text CHECK (result_sha256 IS NULL OR length(result_sha256) = 64);

UPDATE jobs SET content_sha256 = right(content_path, 64)
WHERE content_path ~ '([0-9a-f]{2})/([0-9a-f]{2})/\1\2[0-9a-f]{60}$';

UPDATE jobs SET result_sha256 = right(result_path, 64)
WHERE result_path ~ '([0-9a-f]{2})/([0-9a-f]{2})/\1\2[0-9a-f]{60}$';

UPDATE frame_reservations SET state = 'released', settled_at = floor(extract(epoch FROM now()))::bigint
WHERE state = 'held' AND id IN (
    SELECT reservation_id FROM jobs WHERE status IN ('queued', 'running') AND content_sha256 IS NULL);

UPDATE jobs SET status = 'failed', finished_at = floor(extract(epoch FROM now()) * 1000)::bigint,
    claim = NULL, lease_expires_at = NULL,
    error_code = 'invalid_content', error_title = 'Content could not be read',
    error_detail = 'The content is no longer stored.'
WHERE status IN ('queued', 'running') AND content_sha256 IS NULL;

-- A succeeded job whose result could not be converted has no result any more.
UPDATE jobs SET result_bytes = NULL, result_media_type = NULL, result_width = NULL, result_height = NULL,
    result_frames = NULL, result_asset_id = NULL
WHERE result_path IS NOT NULL AND result_sha256 IS NULL;

ALTER TABLE jobs DROP COLUMN content_path;
ALTER TABLE jobs DROP COLUMN result_path;

-- The content of unfinished jobs and the results jobs keep themselves are referenced too, so the
-- sweeper never removes them.
CREATE INDEX jobs_active_content ON jobs(content_sha256) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_kept_result ON jobs(result_sha256) WHERE result_sha256 IS NOT NULL AND result_asset_id IS NULL;

CREATE OR REPLACE VIEW blob_references (sha256) AS
    SELECT sha256 FROM assets
    UNION ALL SELECT style_sha256 FROM filters
    UNION ALL SELECT thumbnail_sha256 FROM filters
    UNION ALL SELECT content_sha256 FROM jobs WHERE status IN ('queued', 'running') AND content_sha256 IS NOT NULL
    UNION ALL SELECT result_sha256 FROM jobs WHERE result_sha256 IS NOT NULL AND result_asset_id IS NULL;
