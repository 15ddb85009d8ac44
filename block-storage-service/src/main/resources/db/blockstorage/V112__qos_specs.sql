-- issue 13: QoS specs (qos-specs), kept and associated with volume types; see the README for what applies them
CREATE TABLE qos_specs (
    id         VARCHAR(36)  PRIMARY KEY,
    name       VARCHAR(255) NOT NULL UNIQUE,
    consumer   VARCHAR(16)  NOT NULL,
    created_at TIMESTAMP    NOT NULL
);
CREATE TABLE qos_spec_values (
    qos_specs_id VARCHAR(36)  NOT NULL REFERENCES qos_specs (id) ON DELETE CASCADE,
    spec_key     VARCHAR(255) NOT NULL,
    spec_value   VARCHAR(255) NOT NULL,
    PRIMARY KEY (qos_specs_id, spec_key)
);
ALTER TABLE volume_types ADD COLUMN qos_specs_id VARCHAR(36) REFERENCES qos_specs (id);
