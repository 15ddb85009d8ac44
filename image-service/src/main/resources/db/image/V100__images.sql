-- Glance v2: the first table of this service's own schema (portable: PostgreSQL and H2 MODE=PostgreSQL).
CREATE TABLE images (
    id               VARCHAR(36)  PRIMARY KEY,
    name             VARCHAR(255),
    owner            VARCHAR(64),
    status           VARCHAR(32)  NOT NULL,
    visibility       VARCHAR(16)  NOT NULL,
    disk_format      VARCHAR(32),
    container_format VARCHAR(32),
    size_bytes       BIGINT,
    checksum         VARCHAR(32),
    os_hash_algo     VARCHAR(64),
    os_hash_value    VARCHAR(128),
    protected        BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
