package io.nubo.network.router;

import io.nubo.network.common.StandardAttributes;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A router row; its interfaces are ports whose device is the router. */
@Entity
@Table(name = "routers")
class RouterEntity extends StandardAttributes {

    String name = "";
    @Column(name = "admin_state_up")
    boolean adminStateUp = true;
    String status = "ACTIVE";
    @Column(name = "gw_network_id")
    String gwNetworkId;
    @Column(name = "gw_port_id")
    String gwPortId;
    @Column(name = "enable_snat")
    boolean enableSnat = true;

    protected RouterEntity() {
    }

    RouterEntity(String projectId) {
        super(projectId);
    }
}
