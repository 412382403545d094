-- Stylization jobs: durable, queued work that survives restarts. Times are Unix milliseconds
-- (UTC), because job timings are reported in ms. A job snapshots its style codes (job_styles), so
-- deleting a filter never breaks queued work, and records the frame reservation (Quotas) that its
-- success commits and its failure or cancel releases.

CREATE TABLE jobs (
    seq               INTEGER PRIMARY KEY,                 -- stable order: queue (FIFO within a priority) and lists
    id                TEXT NOT NULL UNIQUE,                -- sty_…
    account_id        TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('image', 'video')),
    status            TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
    priority          INTEGER NOT NULL DEFAULT 0,          -- higher runs first
    model             TEXT NOT NULL,                       -- microast, adain
    content_path      TEXT NOT NULL,
    strength          REAL NOT NULL CHECK (strength >= 0 AND strength <= 1),
    preserve_color    INTEGER NOT NULL CHECK (preserve_color IN (0, 1)),
    max_side          INTEGER,                             -- output long side, already capped by the plan; NULL keeps the size
    format            TEXT NOT NULL CHECK (format IN ('jpeg', 'png', 'webp', 'mp4')),
    quality           INTEGER CHECK (quality BETWEEN 1 AND 100),
    reservation_id    TEXT NOT NULL,                       -- rsv_… of frame_reservations
    frames_total      INTEGER NOT NULL CHECK (frames_total > 0),
    frames_done       INTEGER NOT NULL DEFAULT 0 CHECK (frames_done >= 0),
    attempts          INTEGER NOT NULL DEFAULT 0,          -- times a worker claimed it (> 1 after recovery)
    claim             TEXT,                                -- the running attempt's token; every write of a worker checks it
    lease_expires_at  INTEGER,                             -- a running job whose lease passed lost its worker
    created_at        INTEGER NOT NULL,
    started_at        INTEGER,
    finished_at       INTEGER,
    queue_ms          INTEGER,
    decode_ms         INTEGER,
    inference_ms      INTEGER,
    encode_ms         INTEGER,
    result_path       TEXT,
    result_bytes      INTEGER,
    result_media_type TEXT,
    result_width      INTEGER,
    result_height     INTEGER,
    result_frames     INTEGER,
    error_code        TEXT,
    error_title       TEXT,
    error_detail      TEXT
) STRICT;
CREATE INDEX jobs_queue ON jobs(priority DESC, seq) WHERE status = 'queued';
CREATE INDEX jobs_running ON jobs(account_id) WHERE status = 'running';
CREATE INDEX jobs_account ON jobs(account_id, seq);

-- The style mix of a job, copied from the filters at submission (StyleCode.serialized()).
CREATE TABLE job_styles (
    job_seq   INTEGER NOT NULL REFERENCES jobs(seq) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    weight    REAL NOT NULL CHECK (weight >= 0),
    code      BLOB NOT NULL,
    PRIMARY KEY (job_seq, position)
) STRICT, WITHOUT ROWID;
