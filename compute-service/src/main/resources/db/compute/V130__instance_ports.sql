-- The ports bound to each instance, as Nova's instance_info_caches keeps its network_info: the NIC the agent
-- plugs (the NicSpec, JSON), the network's name for the server's "addresses", and whether compute created the port
-- (then it is deleted with the instance; a port the user brought is only unbound). "releasing" rows are ports of
-- a deleted or failed instance still to be given back to the network service (retried until it answers).
CREATE TABLE instance_ports (
    instance_id     VARCHAR(36)  NOT NULL,
    port_id         VARCHAR(36)  NOT NULL,
    position        INT          NOT NULL,
    network_id      VARCHAR(36)  NOT NULL,
    network_name    VARCHAR(255) NOT NULL,
    nic             TEXT         NOT NULL,
    created_by_nova BOOLEAN      NOT NULL,
    releasing       BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (instance_id, port_id)
);

CREATE INDEX instance_ports_releasing ON instance_ports (releasing);
