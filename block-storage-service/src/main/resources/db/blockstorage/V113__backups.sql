-- issue 13: backups to the object store (Cinder's swift backup driver): the chunks and a metadata object live in
-- the block storage service's own account, container volumebackups by default; this row is the backup's record
CREATE TABLE backups (
    id            VARCHAR(36)   PRIMARY KEY,
    project_id    VARCHAR(64)   NOT NULL,
    user_id       VARCHAR(64),
    volume_id     VARCHAR(36)   NOT NULL,
    snapshot_id   VARCHAR(36),
    name          VARCHAR(255),
    description   VARCHAR(255),
    status        VARCHAR(32)   NOT NULL,
    size_gb       INTEGER       NOT NULL,
    container     VARCHAR(255)  NOT NULL,
    object_prefix VARCHAR(255)  NOT NULL,
    object_count  INTEGER       NOT NULL DEFAULT 0,
    restore_volume_id VARCHAR(36),
    failure       VARCHAR(1024),
    created_at    TIMESTAMP     NOT NULL,
    updated_at    TIMESTAMP,
    data_timestamp TIMESTAMP,
    deleted_at    TIMESTAMP
);
CREATE INDEX backups_project ON backups (project_id, status);
CREATE INDEX backups_volume ON backups (volume_id, status);
