-- issue 13: os-volume-transfer. A transfer offers one awaiting-transfer volume to whoever presents its auth_key;
-- only a salted SHA-256 of the key is kept (Cinder keeps a salted crypt hash). Rows go when accepted or cancelled.
CREATE TABLE volume_transfers (
    id          VARCHAR(36)  PRIMARY KEY,
    volume_id   VARCHAR(36)  NOT NULL REFERENCES volumes (id),
    project_id  VARCHAR(64)  NOT NULL,
    name        VARCHAR(255),
    salt        VARCHAR(32)  NOT NULL,
    key_hash    VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP    NOT NULL
);
CREATE UNIQUE INDEX volume_transfers_volume ON volume_transfers (volume_id);
CREATE INDEX volume_transfers_project ON volume_transfers (project_id);
