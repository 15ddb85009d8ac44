-- Trusts (OS-TRUST): a trustor delegates some of its roles on a project to a trustee.
CREATE TABLE trusts (
    id                 VARCHAR(64) PRIMARY KEY,
    trustor_user_id    VARCHAR(64) NOT NULL REFERENCES users (id),
    trustee_user_id    VARCHAR(64) NOT NULL REFERENCES users (id),
    project_id         VARCHAR(64),
    impersonation      BOOLEAN     NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE,
    remaining_uses     INTEGER,
    allow_redelegation BOOLEAN     NOT NULL,
    role_ids           TEXT        NOT NULL
);
CREATE INDEX trusts_trustor ON trusts (trustor_user_id);
CREATE INDEX trusts_trustee ON trusts (trustee_user_id);
