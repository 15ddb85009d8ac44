-- os-server-groups: a policy (affinity, anti-affinity) over the instances booted into the group.
CREATE TABLE server_groups (
    id          VARCHAR(36)  PRIMARY KEY,
    project_id  VARCHAR(255) NOT NULL,
    user_id     VARCHAR(255) NOT NULL,
    name        VARCHAR(255) NOT NULL,
    policy      VARCHAR(32)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX server_groups_project ON server_groups (project_id);

CREATE TABLE server_group_members (
    group_id    VARCHAR(36)  NOT NULL REFERENCES server_groups (id) ON DELETE CASCADE,
    instance_id VARCHAR(36)  NOT NULL,
    PRIMARY KEY (group_id, instance_id)
);
