-- PostgreSQL translation of Schema/0004_jobs.sql; keep the two in step.
-- Stylization jobs: durable, queued work that survives restarts. Times are Unix milliseconds
-- (UTC), because job timings are reported in ms. A job snapshots its style codes (job_styles), so
-- deleting a filter never breaks queued work, and records the frame reservation (Quotas) that its
-- success commits and its failure or cancel releases.
--
-- seq: SQLite's INTEGER PRIMARY KEY (a rowid alias, assigned on insert and read back with
-- last_insert_rowid()) becomes an identity column; a port reads it back with RETURNING seq.

CREATE TABLE jobs (
    seq               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,   -- stable order: queue (FIFO within a priority) and lists
    id                text NOT NULL UNIQUE,                -- sty_…
    account_id        text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind              text NOT NULL CHECK (kind IN ('image', 'video')),
    status            text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
    priority          bigint NOT NULL DEFAULT 0,           -- higher runs first
    model             text NOT NULL,                       -- microast, adain
    content_path      text NOT NULL,
    strength          double precision NOT NULL CHECK (strength >= 0 AND strength <= 1),
    preserve_color    bigint NOT NULL CHECK (preserve_color IN (0, 1)),
    max_side          bigint,                              -- output long side, already capped by the plan; NULL keeps the size
    format            text NOT NULL CHECK (format IN ('jpeg', 'png', 'webp', 'mp4')),
    quality           bigint CHECK (quality BETWEEN 1 AND 100),
    reservation_id    text NOT NULL,                       -- rsv_… of frame_reservations
    frames_total      bigint NOT NULL CHECK (frames_total > 0),
    frames_done       bigint NOT NULL DEFAULT 0 CHECK (frames_done >= 0),
    attempts          bigint NOT NULL DEFAULT 0,           -- times a worker claimed it (> 1 after recovery)
    claim             text,                                -- the running attempt's token; every write of a worker checks it
    lease_expires_at  bigint,                              -- a running job whose lease passed lost its worker
    created_at        bigint NOT NULL,
    started_at        bigint,
    finished_at       bigint,
    queue_ms          bigint,
    decode_ms         bigint,
    inference_ms      bigint,
    encode_ms         bigint,
    result_path       text,
    result_bytes      bigint,
    result_media_type text,
    result_width      bigint,
    result_height     bigint,
    result_frames     bigint,
    error_code        text,
    error_title       text,
    error_detail      text
);
CREATE INDEX jobs_queue ON jobs(priority DESC, seq) WHERE status = 'queued';
CREATE INDEX jobs_running ON jobs(account_id) WHERE status = 'running';
CREATE INDEX jobs_account ON jobs(account_id, seq);

-- The style mix of a job, copied from the filters at submission (StyleCode.serialized()).
CREATE TABLE job_styles (
    job_seq   bigint NOT NULL REFERENCES jobs(seq) ON DELETE CASCADE,
    position  bigint NOT NULL,
    weight    double precision NOT NULL CHECK (weight >= 0),
    code      bytea NOT NULL,
    PRIMARY KEY (job_seq, position)
);
