-- Keystone keeps attributes it has no column for (description and email of users, anything else) as "extra":
-- a JSON object, returned flat in the resource.
ALTER TABLE users ADD COLUMN extra TEXT;
ALTER TABLE projects ADD COLUMN extra TEXT;

CREATE TABLE project_tags (
    project_id VARCHAR(64)  NOT NULL REFERENCES projects (id),
    name       VARCHAR(255) NOT NULL,
    PRIMARY KEY (project_id, name)
);

-- Implied roles: holding prior_role_id also grants implied_role_id (transitively).
CREATE TABLE implied_roles (
    prior_role_id   VARCHAR(64) NOT NULL REFERENCES roles (id),
    implied_role_id VARCHAR(64) NOT NULL REFERENCES roles (id),
    PRIMARY KEY (prior_role_id, implied_role_id)
);

CREATE INDEX role_assignments_target ON role_assignments (target_type, target_id);
CREATE INDEX projects_parent ON projects (parent_id);
