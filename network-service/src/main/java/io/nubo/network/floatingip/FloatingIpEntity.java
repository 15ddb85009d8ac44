package io.nubo.network.floatingip;

import io.nubo.network.common.StandardAttributes;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A floating IP row: an address on an external network (held by a port of its own) and what it points at. */
@Entity
@Table(name = "floating_ips")
class FloatingIpEntity extends StandardAttributes {

    @Column(name = "floating_network_id", updatable = false)
    String floatingNetworkId;
    @Column(name = "floating_port_id", updatable = false)
    String floatingPortId;
    @Column(name = "floating_ip_address", updatable = false)
    String floatingIpAddress;
    @Column(name = "port_id")
    String portId;
    @Column(name = "fixed_ip_address")
    String fixedIpAddress;
    @Column(name = "router_id")
    String routerId;
    String status = "DOWN";

    protected FloatingIpEntity() {
    }

    FloatingIpEntity(String projectId) {
        super(projectId);
    }
}
