-- The serving processes of a deployment (issue #14, roles): every `stylify serve` registers itself
-- here and renews `heartbeat_at` every few seconds, so an API node can say how many workers are
-- live (`/readyz`, `/metrics`) without talking to them. A clean stop deletes its row; a killed
-- process's row simply stops being renewed and is pruned after a day.
CREATE TABLE nodes (
    id            TEXT PRIMARY KEY,                       -- node_…, random per process start
    role          TEXT NOT NULL CHECK (role IN ('all', 'api', 'worker')),
    host          TEXT NOT NULL,                          -- hostname, for operators
    pid           INTEGER NOT NULL,
    job_workers   INTEGER NOT NULL CHECK (job_workers >= 0), -- job worker threads (0 on API nodes)
    started_at    INTEGER NOT NULL,                       -- ms since the epoch
    heartbeat_at  INTEGER NOT NULL                        -- ms since the epoch
);
CREATE INDEX nodes_heartbeat ON nodes(heartbeat_at);
