-- Keystone groups and their members; group grants live in role_assignments with actor_type 'group'.
CREATE TABLE user_groups (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    domain_id   VARCHAR(64)  NOT NULL REFERENCES domains (id),
    description VARCHAR(1024),
    CONSTRAINT user_groups_name_in_domain UNIQUE (domain_id, name)
);

CREATE TABLE group_members (
    group_id VARCHAR(64) NOT NULL REFERENCES user_groups (id),
    user_id  VARCHAR(64) NOT NULL REFERENCES users (id),
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id);
