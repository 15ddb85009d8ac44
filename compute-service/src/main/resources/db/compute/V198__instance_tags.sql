-- Nova's server tags (2.26): up to 50 a server, each 1 to 60 characters without ',' or '/'.
CREATE TABLE instance_tags (
    instance_id VARCHAR(36) NOT NULL,
    tag         VARCHAR(60) NOT NULL,
    PRIMARY KEY (instance_id, tag)
);
