-- issue 13, microversion 3.14: Cinder's group snapshots (one snapshot of each volume of a group, each naming its
-- group snapshot), and a group made from a group snapshot or another group (create-from-src).
CREATE TABLE group_snapshots (
    id            VARCHAR(36)  PRIMARY KEY,
    project_id    VARCHAR(64)  NOT NULL,
    user_id       VARCHAR(64),
    group_id      VARCHAR(36)  NOT NULL REFERENCES volume_groups (id),
    group_type_id VARCHAR(36)  NOT NULL,
    name          VARCHAR(255),
    description   VARCHAR(255),
    status        VARCHAR(32)  NOT NULL,
    created_at    TIMESTAMP    NOT NULL,
    updated_at    TIMESTAMP
);
CREATE INDEX group_snapshots_group_id ON group_snapshots (group_id);
ALTER TABLE snapshots ADD COLUMN group_snapshot_id VARCHAR(36);
CREATE INDEX snapshots_group_snapshot_id ON snapshots (group_snapshot_id);
ALTER TABLE volume_groups ADD COLUMN group_snapshot_id VARCHAR(36);
ALTER TABLE volume_groups ADD COLUMN source_group_id VARCHAR(36);
-- how many volumes a group made from a source will hold: it is available once that many are
ALTER TABLE volume_groups ADD COLUMN members_expected INTEGER;
