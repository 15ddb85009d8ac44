-- issue 13: os-update_snapshot_status reports progress ("80%"); null: derived from the status
ALTER TABLE snapshots ADD COLUMN progress VARCHAR(32);

-- private volume types: the projects that may use them (os-volume-type-access)
CREATE TABLE volume_type_projects (
    volume_type_id VARCHAR(36) NOT NULL REFERENCES volume_types (id) ON DELETE CASCADE,
    project_id     VARCHAR(64) NOT NULL,
    PRIMARY KEY (volume_type_id, project_id)
);

-- os-quota-class-sets: the limits of a quota class ("default" is the one every project falls back to); resources
-- include the per-type ones (volumes_<type name>)
CREATE TABLE quota_classes (
    class_name VARCHAR(255) NOT NULL,
    resource   VARCHAR(300) NOT NULL,
    hard_limit INTEGER      NOT NULL,
    PRIMARY KEY (class_name, resource)
);

-- os-services enable/disable: an operator's choice per service (binary on host); absent: enabled
CREATE TABLE service_states (
    host            VARCHAR(255) NOT NULL,
    binary_name     VARCHAR(64)  NOT NULL,
    disabled        BOOLEAN      NOT NULL,
    disabled_reason VARCHAR(255),
    updated_at      TIMESTAMP    NOT NULL,
    PRIMARY KEY (host, binary_name)
);
