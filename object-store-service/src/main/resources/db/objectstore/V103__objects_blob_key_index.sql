-- The sweep of blobs no object names asks which of a batch of blob keys the objects still name.
CREATE INDEX ix_objects_blob_key ON objects (blob_key);
