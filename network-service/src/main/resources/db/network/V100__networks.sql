-- Neutron v2.0: the first table of this service's own schema (portable: PostgreSQL and H2 MODE=PostgreSQL).
CREATE TABLE networks (
    id             VARCHAR(36)  PRIMARY KEY,
    name           VARCHAR(255) NOT NULL DEFAULT '',
    project_id     VARCHAR(64)  NOT NULL,
    admin_state_up BOOLEAN      NOT NULL DEFAULT TRUE,
    shared         BOOLEAN      NOT NULL DEFAULT FALSE,
    external       BOOLEAN      NOT NULL DEFAULT FALSE,
    mtu            INTEGER      NOT NULL DEFAULT 1450,
    status         VARCHAR(16)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
