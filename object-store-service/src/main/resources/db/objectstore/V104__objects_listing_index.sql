-- A container listing reads only these columns, in name order: with all of them in one index, H2 answers it from
-- the index alone (no lookup of each row in the table) and PostgreSQL can do an index-only scan.
CREATE INDEX ix_objects_listing ON objects (container_id, name, etag, size_bytes, content_type, modified_at, delete_at);
