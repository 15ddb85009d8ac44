-- Nova v2.1: the first table of this service's own schema (portable: PostgreSQL and H2 MODE=PostgreSQL).
CREATE TABLE flavors (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL UNIQUE,
    vcpus       INTEGER      NOT NULL,
    ram_mb      INTEGER      NOT NULL,
    disk_gb     INTEGER      NOT NULL,
    ephemeral_gb INTEGER     NOT NULL DEFAULT 0,
    swap_mb     INTEGER      NOT NULL DEFAULT 0,
    is_public   BOOLEAN      NOT NULL DEFAULT TRUE,
    disabled    BOOLEAN      NOT NULL DEFAULT FALSE,
    description VARCHAR(1024)
);
