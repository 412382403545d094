-- Blobs by key, not by path (issue #13, item 4): a job names its content and its result by blob
-- key (the SHA-256 the blob store files it under), so any process that reaches the blob store
-- can run the job or serve its result; no local path is stored any more.
--
-- Existing rows are converted from the paths LocalDiskBlobStore wrote, `<blobs>/ab/cd/<sha256>`:
-- every content path of `serve` (assets) and every published result (result_asset_id set) has
-- that shape. Results a JobService without a publisher kept as plain files (tests, never
-- `serve`) are not in the blob store and lose their result; unfinished jobs whose content is not
-- a stored blob fail with `invalid_content` and their frames are released.

ALTER TABLE jobs ADD COLUMN content_sha256 TEXT CHECK (content_sha256 IS NULL OR length(content_sha256) = 64);
ALTER TABLE jobs ADD COLUMN result_sha256 TEXT CHECK (result_sha256 IS NULL OR length(result_sha256) = 64);

UPDATE jobs SET content_sha256 = substr(content_path, -64)
WHERE length(content_path) >= 70
  AND substr(content_path, -64) NOT GLOB '*[^0-9a-f]*'
  AND substr(content_path, -70, 6) = substr(content_path, -64, 2) || '/' || substr(content_path, -62, 2) || '/';

UPDATE jobs SET result_sha256 = substr(result_path, -64)
WHERE result_path IS NOT NULL AND length(result_path) >= 70
  AND substr(result_path, -64) NOT GLOB '*[^0-9a-f]*'
  AND substr(result_path, -70, 6) = substr(result_path, -64, 2) || '/' || substr(result_path, -62, 2) || '/';

UPDATE frame_reservations SET state = 'released', settled_at = unixepoch()
WHERE state = 'held' AND id IN (
    SELECT reservation_id FROM jobs WHERE status IN ('queued', 'running') AND content_sha256 IS NULL);

UPDATE jobs SET status = 'failed', finished_at = unixepoch() * 1000, claim = NULL, lease_expires_at = NULL,
    error_code = 'invalid_content', error_title = 'Content could not be read',
    error_detail = 'The content is no longer stored.'
WHERE status IN ('queued', 'running') AND content_sha256 IS NULL;

-- A succeeded job whose result could not be converted has no result any more.
UPDATE jobs SET result_bytes = NULL, result_media_type = NULL, result_width = NULL, result_height = NULL,
    result_frames = NULL, result_asset_id = NULL
WHERE result_path IS NOT NULL AND result_sha256 IS NULL;

ALTER TABLE jobs DROP COLUMN content_path;
ALTER TABLE jobs DROP COLUMN result_path;

-- The blobs of unfinished jobs (their content) and the results jobs keep themselves (no asset
-- took them) are referenced too, so the sweeper never removes them. A published result is
-- referenced by its asset and goes when the asset expires.
CREATE INDEX jobs_active_content ON jobs(content_sha256) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_kept_result ON jobs(result_sha256) WHERE result_sha256 IS NOT NULL AND result_asset_id IS NULL;

DROP VIEW blob_references;
CREATE VIEW blob_references (sha256) AS
    SELECT sha256 FROM assets
    UNION ALL SELECT style_sha256 FROM filters
    UNION ALL SELECT thumbnail_sha256 FROM filters
    UNION ALL SELECT content_sha256 FROM jobs WHERE status IN ('queued', 'running') AND content_sha256 IS NOT NULL
    UNION ALL SELECT result_sha256 FROM jobs WHERE result_sha256 IS NOT NULL AND result_asset_id IS NULL;
