-- Volumes, snapshots and attachments (portable: PostgreSQL and H2 MODE=PostgreSQL).
CREATE TABLE volume_type_extra_specs (
    volume_type_id VARCHAR(36)  NOT NULL REFERENCES volume_types (id) ON DELETE CASCADE,
    spec_key       VARCHAR(255) NOT NULL,
    spec_value     VARCHAR(255) NOT NULL,
    PRIMARY KEY (volume_type_id, spec_key)
);

CREATE TABLE volumes (
    id                VARCHAR(36)   PRIMARY KEY,
    project_id        VARCHAR(64)   NOT NULL,
    user_id           VARCHAR(64),
    name              VARCHAR(255),
    description       VARCHAR(255),
    size_gb           INTEGER       NOT NULL,
    status            VARCHAR(32)   NOT NULL,
    availability_zone VARCHAR(255)  NOT NULL,
    volume_type_id    VARCHAR(36)   NOT NULL,
    backend           VARCHAR(64)   NOT NULL,
    bootable          BOOLEAN       NOT NULL DEFAULT FALSE,
    readonly          BOOLEAN,
    source_volid      VARCHAR(36),
    snapshot_id       VARCHAR(36),
    image_id          VARCHAR(36),
    failure           VARCHAR(1024),
    created_at        TIMESTAMP     NOT NULL,
    updated_at        TIMESTAMP,
    deleted_at        TIMESTAMP
);
CREATE INDEX volumes_project ON volumes (project_id, status);

CREATE TABLE volume_metadata (
    volume_id  VARCHAR(36)  NOT NULL REFERENCES volumes (id) ON DELETE CASCADE,
    meta_key   VARCHAR(255) NOT NULL,
    meta_value VARCHAR(255) NOT NULL,
    PRIMARY KEY (volume_id, meta_key)
);

CREATE TABLE volume_image_metadata (
    volume_id  VARCHAR(36)  NOT NULL REFERENCES volumes (id) ON DELETE CASCADE,
    meta_key   VARCHAR(255) NOT NULL,
    meta_value VARCHAR(255) NOT NULL,
    PRIMARY KEY (volume_id, meta_key)
);

CREATE TABLE snapshots (
    id          VARCHAR(36)  PRIMARY KEY,
    volume_id   VARCHAR(36)  NOT NULL REFERENCES volumes (id),
    project_id  VARCHAR(64)  NOT NULL,
    user_id     VARCHAR(64),
    name        VARCHAR(255),
    description VARCHAR(255),
    size_gb     INTEGER      NOT NULL,
    status      VARCHAR(32)  NOT NULL,
    failure     VARCHAR(1024),
    created_at  TIMESTAMP    NOT NULL,
    updated_at  TIMESTAMP,
    deleted_at  TIMESTAMP
);
CREATE INDEX snapshots_project ON snapshots (project_id, status);
CREATE INDEX snapshots_volume ON snapshots (volume_id, status);

CREATE TABLE snapshot_metadata (
    snapshot_id VARCHAR(36)  NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    meta_key    VARCHAR(255) NOT NULL,
    meta_value  VARCHAR(255) NOT NULL,
    PRIMARY KEY (snapshot_id, meta_key)
);

CREATE TABLE volume_attachments (
    id            VARCHAR(36)   PRIMARY KEY,
    volume_id     VARCHAR(36)   NOT NULL REFERENCES volumes (id),
    project_id    VARCHAR(64)   NOT NULL,
    instance_uuid VARCHAR(36),
    attached_host VARCHAR(255),
    mountpoint    VARCHAR(255),
    attach_status VARCHAR(32)   NOT NULL,
    attach_mode   VARCHAR(8)    NOT NULL,
    connector     VARCHAR(4096),
    created_at    TIMESTAMP     NOT NULL,
    attached_at   TIMESTAMP,
    detached_at   TIMESTAMP
);
CREATE INDEX volume_attachments_volume ON volume_attachments (volume_id, attach_status);

CREATE TABLE quotas (
    project_id VARCHAR(64)  NOT NULL,
    resource   VARCHAR(64)  NOT NULL,
    hard_limit INTEGER      NOT NULL,
    PRIMARY KEY (project_id, resource)
);

-- Cinder's default type: every volume has a type; __DEFAULT__ is used when the request names none
ALTER TABLE volume_types ADD COLUMN created_at TIMESTAMP;
INSERT INTO volume_types (id, name, description, is_public, created_at)
    VALUES ('f1b6ff4f-6f8a-4f7a-9e9a-0d6c4b3bb0a1', '__DEFAULT__', 'Default Volume Type', TRUE, CURRENT_TIMESTAMP);
