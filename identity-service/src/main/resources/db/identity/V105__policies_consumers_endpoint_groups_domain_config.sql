-- Keystone's policy blobs (stored and served, as Keystone does; Nubo's own policy is in code).
CREATE TABLE policies (
    id    VARCHAR(64)   PRIMARY KEY,
    type  VARCHAR(255)  NOT NULL,
    blob  TEXT          NOT NULL,
    extra TEXT
);

-- OS-OAUTH1 consumers (the secret is kept as a bcrypt hash).
CREATE TABLE oauth_consumers (
    id          VARCHAR(64)  PRIMARY KEY,
    description VARCHAR(1024),
    secret_hash VARCHAR(255) NOT NULL
);

-- OS-EP-FILTER endpoint groups and the projects they are associated with.
CREATE TABLE endpoint_groups (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    description VARCHAR(1024),
    filters     TEXT         NOT NULL
);

CREATE TABLE project_endpoint_groups (
    endpoint_group_id VARCHAR(64) NOT NULL REFERENCES endpoint_groups (id),
    project_id        VARCHAR(64) NOT NULL,
    PRIMARY KEY (endpoint_group_id, project_id)
);

-- Domain-specific configuration (identity and ldap groups), one row per option.
CREATE TABLE domain_config (
    domain_id   VARCHAR(64)  NOT NULL REFERENCES domains (id),
    group_name  VARCHAR(255) NOT NULL,
    option_name VARCHAR(255) NOT NULL,
    option_value TEXT,
    PRIMARY KEY (domain_id, group_name, option_name)
);
