-- Keystone's credentials (EC2 and any other type): the blob is a JSON string owned by the user.
CREATE TABLE credentials (
    id         VARCHAR(64)  PRIMARY KEY,
    user_id    VARCHAR(64)  NOT NULL REFERENCES users (id),
    project_id VARCHAR(64),
    type       VARCHAR(255) NOT NULL,
    blob       TEXT         NOT NULL
);
CREATE INDEX credentials_user ON credentials (user_id);

-- Application credentials: a user's delegated, project-bound secret (bcrypt hash only), with a subset of its roles.
CREATE TABLE application_credentials (
    id           VARCHAR(64)  PRIMARY KEY,
    name         VARCHAR(255) NOT NULL,
    user_id      VARCHAR(64)  NOT NULL REFERENCES users (id),
    project_id   VARCHAR(64)  NOT NULL,
    secret_hash  VARCHAR(255) NOT NULL,
    description  VARCHAR(1024),
    expires_at   TIMESTAMP WITH TIME ZONE,
    unrestricted BOOLEAN      NOT NULL,
    role_ids     TEXT         NOT NULL,
    CONSTRAINT application_credentials_name_per_user UNIQUE (user_id, name)
);

-- Access rules: what an application credential may call (service, method, path); shared by a user's credentials.
CREATE TABLE access_rules (
    id      VARCHAR(64)  PRIMARY KEY,
    user_id VARCHAR(64)  NOT NULL REFERENCES users (id),
    service VARCHAR(64)  NOT NULL,
    path    VARCHAR(255) NOT NULL,
    method  VARCHAR(16)  NOT NULL,
    CONSTRAINT access_rules_unique UNIQUE (user_id, service, path, method)
);

CREATE TABLE application_credential_access_rules (
    application_credential_id VARCHAR(64) NOT NULL REFERENCES application_credentials (id),
    access_rule_id            VARCHAR(64) NOT NULL REFERENCES access_rules (id),
    PRIMARY KEY (application_credential_id, access_rule_id)
);
