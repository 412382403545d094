-- PostgreSQL translation of Schema/0007_results.sql; keep the two in step.
-- Stylization results are assets of the account (issue #7): a succeeded job's file is adopted
-- into the blob store and recorded as an asset, expiring by the plan's retention, in the same
-- transaction that marks the job succeeded. The assets row already names the blob, so the
-- blob_references view needs no change.

-- The asset a succeeded job's result became (ast_…); NULL for results kept as plain files.
ALTER TABLE jobs ADD COLUMN result_asset_id text;

-- The stylization (sty_…) whose result the asset is; NULL for uploads.
ALTER TABLE assets ADD COLUMN source_job_id text;
CREATE INDEX assets_source_job ON assets(source_job_id) WHERE source_job_id IS NOT NULL;
