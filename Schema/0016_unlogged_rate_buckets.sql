-- Nothing to do on SQLite, which has no WAL-less tables: Schema/postgresql/0016 makes
-- rate_buckets UNLOGGED there. Kept so both dialects' versions stay in step.
SELECT 1;
