-- Cinder v3: the first table of this service's own schema (portable: PostgreSQL and H2 MODE=PostgreSQL).
CREATE TABLE volume_types (
    id          VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL UNIQUE,
    description VARCHAR(1024),
    is_public   BOOLEAN      NOT NULL DEFAULT TRUE
);
