-- Swift v1: the first table of this service's own schema (portable: PostgreSQL and H2 MODE=PostgreSQL).
CREATE TABLE accounts (
    name        VARCHAR(256) PRIMARY KEY,
    project_id  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    bytes_used  BIGINT       NOT NULL DEFAULT 0,
    object_count BIGINT      NOT NULL DEFAULT 0,
    container_count BIGINT   NOT NULL DEFAULT 0
);
