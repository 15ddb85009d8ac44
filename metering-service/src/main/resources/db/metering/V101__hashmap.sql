-- CloudKitty's hashmap rating module (cloudkitty/rating/hash/db/sqlalchemy/models.py) and the module states.
CREATE TABLE rating_module (
    module_id  VARCHAR(64) PRIMARY KEY,
    enabled    BOOLEAN     NOT NULL,
    priority   INTEGER     NOT NULL
);
INSERT INTO rating_module (module_id, enabled, priority) VALUES ('hashmap', TRUE, 1);

CREATE TABLE hashmap_service (
    id    VARCHAR(36)  PRIMARY KEY,
    name  VARCHAR(255) NOT NULL UNIQUE
);

CREATE TABLE hashmap_field (
    id          VARCHAR(36)  PRIMARY KEY,
    service_id  VARCHAR(36)  NOT NULL REFERENCES hashmap_service (id) ON DELETE CASCADE,
    name        VARCHAR(255) NOT NULL,
    CONSTRAINT hashmap_field_name_in_service UNIQUE (service_id, name)
);

CREATE TABLE hashmap_group (
    id    VARCHAR(36)  PRIMARY KEY,
    name  VARCHAR(255) NOT NULL UNIQUE
);

CREATE TABLE hashmap_mapping (
    id          VARCHAR(36)  PRIMARY KEY,
    map_value   VARCHAR(255),
    map_type    VARCHAR(8)   NOT NULL,
    cost        NUMERIC(38, 12) NOT NULL,
    service_id  VARCHAR(36)  REFERENCES hashmap_service (id) ON DELETE CASCADE,
    field_id    VARCHAR(36)  REFERENCES hashmap_field (id) ON DELETE CASCADE,
    group_id    VARCHAR(36)  REFERENCES hashmap_group (id) ON DELETE SET NULL,
    tenant_id   VARCHAR(64)
);

CREATE TABLE hashmap_threshold (
    id          VARCHAR(36)  PRIMARY KEY,
    level       NUMERIC(38, 12) NOT NULL,
    map_type    VARCHAR(8)   NOT NULL,
    cost        NUMERIC(38, 12) NOT NULL,
    service_id  VARCHAR(36)  REFERENCES hashmap_service (id) ON DELETE CASCADE,
    field_id    VARCHAR(36)  REFERENCES hashmap_field (id) ON DELETE CASCADE,
    group_id    VARCHAR(36)  REFERENCES hashmap_group (id) ON DELETE SET NULL,
    tenant_id   VARCHAR(64)
);
