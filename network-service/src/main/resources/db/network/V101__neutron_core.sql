-- Neutron v2.0 core resources (portable: PostgreSQL and H2 MODE=PostgreSQL). Small ordered lists (allocation
-- pools, DNS servers, host routes, allowed address pairs) are JSON text columns; everything that must be unique
-- or referenced (addresses, MACs, security group membership) has its own rows and constraints.
ALTER TABLE networks ADD COLUMN description VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN revision_number BIGINT NOT NULL DEFAULT 0;
ALTER TABLE networks ADD COLUMN port_security_enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE networks ADD COLUMN network_type VARCHAR(16) NOT NULL DEFAULT 'vxlan';
ALTER TABLE networks ADD COLUMN physical_network VARCHAR(64);
ALTER TABLE networks ADD COLUMN segmentation_id INTEGER;
CREATE UNIQUE INDEX networks_segment ON networks (network_type, segmentation_id);
CREATE INDEX networks_project ON networks (project_id);
CREATE SEQUENCE vxlan_segments START WITH 1001;

-- tags of every standard-attribute resource (resource ids are UUIDs, unique across resource types)
CREATE TABLE resource_tags (
    resource_id VARCHAR(36)  NOT NULL,
    tag         VARCHAR(255) NOT NULL,
    PRIMARY KEY (resource_id, tag)
);

CREATE TABLE subnets (
    id                VARCHAR(36)  PRIMARY KEY,
    project_id        VARCHAR(64)  NOT NULL,
    network_id        VARCHAR(36)  NOT NULL REFERENCES networks (id),
    name              VARCHAR(255) NOT NULL DEFAULT '',
    description       VARCHAR(255) NOT NULL DEFAULT '',
    ip_version        INTEGER      NOT NULL,
    cidr              VARCHAR(64)  NOT NULL,
    gateway_ip        VARCHAR(64),
    enable_dhcp       BOOLEAN      NOT NULL DEFAULT TRUE,
    ipv6_ra_mode      VARCHAR(16),
    ipv6_address_mode VARCHAR(16),
    allocation_pools  TEXT         NOT NULL,
    dns_nameservers   TEXT         NOT NULL,
    host_routes       TEXT         NOT NULL,
    revision_number   BIGINT       NOT NULL DEFAULT 0,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX subnets_network ON subnets (network_id);

CREATE TABLE security_groups (
    id              VARCHAR(36)  PRIMARY KEY,
    project_id      VARCHAR(64)  NOT NULL,
    name            VARCHAR(255) NOT NULL DEFAULT '',
    description     VARCHAR(255) NOT NULL DEFAULT '',
    stateful        BOOLEAN      NOT NULL DEFAULT TRUE,
    revision_number BIGINT       NOT NULL DEFAULT 0,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX security_groups_project ON security_groups (project_id);

-- one default group per project: the row is claimed first, so two first uses at once create one group
CREATE TABLE default_security_groups (
    project_id        VARCHAR(64) PRIMARY KEY,
    security_group_id VARCHAR(36) NOT NULL
);

CREATE TABLE security_group_rules (
    id                VARCHAR(36)  PRIMARY KEY,
    project_id        VARCHAR(64)  NOT NULL,
    security_group_id VARCHAR(36)  NOT NULL REFERENCES security_groups (id) ON DELETE CASCADE,
    direction         VARCHAR(8)   NOT NULL,
    ethertype         VARCHAR(8)   NOT NULL,
    protocol          VARCHAR(16),
    port_range_min    INTEGER,
    port_range_max    INTEGER,
    remote_ip_prefix  VARCHAR(64),
    remote_group_id   VARCHAR(36),
    description       VARCHAR(255) NOT NULL DEFAULT '',
    revision_number   BIGINT       NOT NULL DEFAULT 0,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX security_group_rules_group ON security_group_rules (security_group_id);

CREATE TABLE ports (
    id                    VARCHAR(36)  PRIMARY KEY,
    project_id            VARCHAR(64)  NOT NULL,
    network_id            VARCHAR(36)  NOT NULL REFERENCES networks (id),
    name                  VARCHAR(255) NOT NULL DEFAULT '',
    description           VARCHAR(255) NOT NULL DEFAULT '',
    mac_address           VARCHAR(17)  NOT NULL,
    admin_state_up        BOOLEAN      NOT NULL DEFAULT TRUE,
    status                VARCHAR(16)  NOT NULL,
    device_id             VARCHAR(255) NOT NULL DEFAULT '',
    device_owner          VARCHAR(255) NOT NULL DEFAULT '',
    host_id               VARCHAR(255) NOT NULL DEFAULT '',
    vnic_type             VARCHAR(32)  NOT NULL DEFAULT 'normal',
    binding_profile       TEXT         NOT NULL,
    port_security_enabled BOOLEAN      NOT NULL DEFAULT TRUE,
    allowed_address_pairs TEXT         NOT NULL,
    revision_number       BIGINT       NOT NULL DEFAULT 0,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ports_mac_unique UNIQUE (network_id, mac_address)
);
CREATE INDEX ports_project ON ports (project_id);
CREATE INDEX ports_device ON ports (device_id);

CREATE TABLE port_security_groups (
    port_id           VARCHAR(36) NOT NULL REFERENCES ports (id) ON DELETE CASCADE,
    security_group_id VARCHAR(36) NOT NULL REFERENCES security_groups (id),
    PRIMARY KEY (port_id, security_group_id)
);
CREATE INDEX port_security_groups_group ON port_security_groups (security_group_id);

-- IPAM: an address is held by one port per subnet; the primary key is what keeps concurrent creates apart
CREATE TABLE ip_allocations (
    subnet_id  VARCHAR(36) NOT NULL REFERENCES subnets (id),
    ip_address VARCHAR(64) NOT NULL,
    network_id VARCHAR(36) NOT NULL,
    port_id    VARCHAR(36) NOT NULL REFERENCES ports (id) ON DELETE CASCADE,
    PRIMARY KEY (subnet_id, ip_address)
);
CREATE INDEX ip_allocations_port ON ip_allocations (port_id);

CREATE TABLE routers (
    id              VARCHAR(36)  PRIMARY KEY,
    project_id      VARCHAR(64)  NOT NULL,
    name            VARCHAR(255) NOT NULL DEFAULT '',
    description     VARCHAR(255) NOT NULL DEFAULT '',
    admin_state_up  BOOLEAN      NOT NULL DEFAULT TRUE,
    status          VARCHAR(16)  NOT NULL,
    gw_network_id   VARCHAR(36),
    gw_port_id      VARCHAR(36),
    enable_snat     BOOLEAN      NOT NULL DEFAULT TRUE,
    revision_number BIGINT       NOT NULL DEFAULT 0,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE floating_ips (
    id                  VARCHAR(36)  PRIMARY KEY,
    project_id          VARCHAR(64)  NOT NULL,
    floating_network_id VARCHAR(36)  NOT NULL REFERENCES networks (id),
    floating_port_id    VARCHAR(36)  NOT NULL,
    floating_ip_address VARCHAR(64)  NOT NULL,
    port_id             VARCHAR(36),
    fixed_ip_address    VARCHAR(64),
    router_id           VARCHAR(36),
    status              VARCHAR(16)  NOT NULL,
    description         VARCHAR(255) NOT NULL DEFAULT '',
    revision_number     BIGINT       NOT NULL DEFAULT 0,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT floating_ips_fixed_unique UNIQUE (port_id, fixed_ip_address)
);

CREATE TABLE quotas (
    project_id VARCHAR(64) NOT NULL,
    resource   VARCHAR(32) NOT NULL,
    hard_limit INTEGER     NOT NULL,
    PRIMARY KEY (project_id, resource)
);
