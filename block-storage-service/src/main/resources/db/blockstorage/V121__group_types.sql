-- issue 13, microversion 3.11: Cinder's group types and their group specs (what a generic volume group would be;
-- groups themselves, 3.13, are not served yet).
CREATE TABLE group_types (
    id          VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL UNIQUE,
    description VARCHAR(255),
    is_public   BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMP    NOT NULL
);
CREATE TABLE group_type_specs (
    group_type_id VARCHAR(36)  NOT NULL REFERENCES group_types (id) ON DELETE CASCADE,
    spec_key      VARCHAR(255) NOT NULL,
    spec_value    VARCHAR(255),
    PRIMARY KEY (group_type_id, spec_key)
);
