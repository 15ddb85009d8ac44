-- Swift v1: accounts, containers and objects. Counts and bytes are computed from objects (no hot counter rows);
-- object bytes live in the configured blob store under blob_key.
ALTER TABLE accounts DROP COLUMN bytes_used;
ALTER TABLE accounts DROP COLUMN object_count;
ALTER TABLE accounts DROP COLUMN container_count;
ALTER TABLE accounts ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';

CREATE TABLE containers (
    id          VARCHAR(36)  PRIMARY KEY,
    account     VARCHAR(256) NOT NULL,
    name        VARCHAR(256) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    metadata    TEXT NOT NULL,
    CONSTRAINT uq_containers_account_name UNIQUE (account, name)
);

CREATE TABLE objects (
    id            VARCHAR(36)   PRIMARY KEY,
    container_id  VARCHAR(36)   NOT NULL REFERENCES containers (id),
    name          VARCHAR(1024) NOT NULL,
    blob_key      VARCHAR(64),
    size_bytes    BIGINT        NOT NULL,
    etag          VARCHAR(64)   NOT NULL,
    content_type  VARCHAR(256)  NOT NULL,
    modified_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    delete_at     BIGINT,
    kind          VARCHAR(8)    NOT NULL,
    manifest      TEXT,
    metadata      TEXT          NOT NULL,
    CONSTRAINT uq_objects_container_name UNIQUE (container_id, name)
);
CREATE INDEX ix_objects_delete_at ON objects (delete_at);
