-- issue 13, microversion 3.13: Cinder's generic volume groups (a group type, the volume types its volumes may
-- have, and the volumes themselves through volumes.group_id).
CREATE TABLE volume_groups (
    id                VARCHAR(36)  PRIMARY KEY,
    project_id        VARCHAR(64)  NOT NULL,
    user_id           VARCHAR(64),
    name              VARCHAR(255),
    description       VARCHAR(255),
    status            VARCHAR(32)  NOT NULL,
    availability_zone VARCHAR(255),
    group_type_id     VARCHAR(36)  NOT NULL REFERENCES group_types (id),
    created_at        TIMESTAMP    NOT NULL,
    updated_at        TIMESTAMP
);
CREATE TABLE volume_group_types (
    group_id       VARCHAR(36) NOT NULL REFERENCES volume_groups (id) ON DELETE CASCADE,
    volume_type_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (group_id, volume_type_id)
);
ALTER TABLE volumes ADD COLUMN group_id VARCHAR(36);
CREATE INDEX volumes_group_id ON volumes (group_id);
