-- The serving processes of a deployment: the PostgreSQL form of Schema/0009_nodes.sql. Every
-- `stylify serve` registers itself and renews `heartbeat_at`, so an API node can say how many
-- workers are live; a clean stop deletes its row, a killed process's row is pruned after a day.
CREATE TABLE nodes (
    id            text PRIMARY KEY,                       -- node_…, random per process start
    role          text NOT NULL CHECK (role IN ('all', 'api', 'worker')),
    host          text NOT NULL,
    pid           bigint NOT NULL,
    job_workers   bigint NOT NULL CHECK (job_workers >= 0),
    started_at    bigint NOT NULL,                        -- ms since the epoch
    heartbeat_at  bigint NOT NULL                         -- ms since the epoch
);
CREATE INDEX nodes_heartbeat ON nodes(heartbeat_at);
