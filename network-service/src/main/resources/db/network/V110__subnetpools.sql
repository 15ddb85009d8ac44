-- Subnet pools (Neutron's subnet_allocation): prefixes subnets are carved from, and each subnet's pool.
CREATE TABLE subnetpools (
    id                VARCHAR(36)  PRIMARY KEY,
    project_id        VARCHAR(64)  NOT NULL,
    name              VARCHAR(255) NOT NULL DEFAULT '',
    description       VARCHAR(255) NOT NULL DEFAULT '',
    ip_version        INTEGER      NOT NULL,
    prefixes          TEXT         NOT NULL,
    default_prefixlen INTEGER      NOT NULL,
    min_prefixlen     INTEGER      NOT NULL,
    max_prefixlen     INTEGER      NOT NULL,
    shared            BOOLEAN      NOT NULL DEFAULT FALSE,
    is_default        BOOLEAN      NOT NULL DEFAULT FALSE,
    revision_number   BIGINT       NOT NULL DEFAULT 0,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE subnets ADD COLUMN subnetpool_id VARCHAR(36) REFERENCES subnetpools (id);
CREATE INDEX subnets_subnetpool ON subnets (subnetpool_id);
