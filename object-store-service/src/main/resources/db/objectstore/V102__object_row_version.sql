-- Optimistic locking of object rows: a metadata POST or a PUT that read a row a concurrent write has since
-- replaced fails its update (and retries) instead of writing back the old blob key, whose bytes are deleted.
ALTER TABLE objects ADD COLUMN row_version BIGINT NOT NULL DEFAULT 0;
