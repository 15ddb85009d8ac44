-- Nova's instance system_metadata: what compute keeps about an instance that the user does not set or see (shelve's
-- shelved_image_id, shelved_at, shelved_host), one row per key.
CREATE TABLE instance_system_metadata (
    instance_id VARCHAR(36)  NOT NULL,
    meta_key    VARCHAR(255) NOT NULL,
    meta_value  TEXT,
    PRIMARY KEY (instance_id, meta_key)
);
