-- One video over several workers: the PostgreSQL form of Schema/0015_job_segments.sql. A long
-- video job's segments (cut at keyframes), each claimed, leased and rendered by any free worker,
-- its piece referenced as a blob until the job's worker has joined them and the job ended.
CREATE TABLE job_segments (
    job_id            text NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    idx               bigint NOT NULL CHECK (idx >= 0),
    start_pts         bigint,                              -- stream time base; NULL: from the first frame
    end_pts           bigint,                              -- exclusive; NULL: to the last frame
    frames            bigint NOT NULL CHECK (frames > 0),
    status            text NOT NULL CHECK (status IN ('queued', 'running', 'done')),
    claim             text,
    lease_expires_at  bigint,                              -- ms since the epoch
    frames_done       bigint NOT NULL DEFAULT 0,
    result_sha256     text CHECK (result_sha256 IS NULL OR length(result_sha256) = 64),
    result_bytes      bigint,
    decode_ms         bigint,
    inference_ms      bigint,
    encode_ms         bigint,
    PRIMARY KEY (job_id, idx),
    CHECK ((status = 'done') = (result_sha256 IS NOT NULL))
);
CREATE INDEX job_segments_queued ON job_segments(status) WHERE status <> 'done';

CREATE OR REPLACE VIEW blob_references (sha256) AS
    SELECT sha256 FROM assets
    UNION ALL SELECT style_sha256 FROM filters
    UNION ALL SELECT thumbnail_sha256 FROM filters
    UNION ALL SELECT content_sha256 FROM jobs WHERE status IN ('queued', 'running') AND content_sha256 IS NOT NULL
    UNION ALL SELECT result_sha256 FROM jobs WHERE result_sha256 IS NOT NULL AND result_asset_id IS NULL
    UNION ALL SELECT mask_sha256 FROM jobs WHERE status IN ('queued', 'running') AND mask_sha256 IS NOT NULL
    UNION ALL SELECT result_sha256 FROM job_segments WHERE result_sha256 IS NOT NULL;
