-- One video over several workers (issue #14, item 4). The worker that claims a long video job cuts
-- it at keyframes into segments, one row each; every free worker (of any node) claims a queued
-- segment of a running job, renders it and records its piece as a blob; the job's worker joins
-- the pieces in order. A segment's claim and lease work as a job's do: a piece is recorded only
-- by the claim that rendered it, and a segment whose worker stopped renewing its lease is queued
-- again. The rows of a job go when it ends (with the success, or by the keeper afterwards); the
-- pieces are referenced only while they exist.
CREATE TABLE job_segments (
    job_id            TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    idx               INTEGER NOT NULL CHECK (idx >= 0),
    start_pts         INTEGER,                             -- stream time base; NULL: from the first frame
    end_pts           INTEGER,                             -- exclusive; NULL: to the last frame
    frames            INTEGER NOT NULL CHECK (frames > 0),
    status            TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done')),
    claim             TEXT,
    lease_expires_at  INTEGER,                             -- ms since the epoch
    frames_done       INTEGER NOT NULL DEFAULT 0,
    result_sha256     TEXT CHECK (result_sha256 IS NULL OR length(result_sha256) = 64),
    result_bytes      INTEGER,
    decode_ms         INTEGER,
    inference_ms      INTEGER,
    encode_ms         INTEGER,
    PRIMARY KEY (job_id, idx),
    CHECK ((status = 'done') = (result_sha256 IS NOT NULL))
) STRICT, WITHOUT ROWID;
CREATE INDEX job_segments_queued ON job_segments(status) WHERE status <> 'done';

DROP VIEW blob_references;
CREATE VIEW blob_references (sha256) AS
    SELECT sha256 FROM assets
    UNION ALL SELECT style_sha256 FROM filters
    UNION ALL SELECT thumbnail_sha256 FROM filters
    UNION ALL SELECT content_sha256 FROM jobs WHERE status IN ('queued', 'running') AND content_sha256 IS NOT NULL
    UNION ALL SELECT result_sha256 FROM jobs WHERE result_sha256 IS NOT NULL AND result_asset_id IS NULL
    UNION ALL SELECT mask_sha256 FROM jobs WHERE status IN ('queued', 'running') AND mask_sha256 IS NOT NULL
    UNION ALL SELECT result_sha256 FROM job_segments WHERE result_sha256 IS NOT NULL;
