package io.nubo.network.network;

import io.nubo.network.common.StandardAttributes;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A network row. */
@Entity
@Table(name = "networks")
class NetworkEntity extends StandardAttributes {

    String name = "";
    @Column(name = "admin_state_up")
    boolean adminStateUp = true;
    boolean shared;
    boolean external;
    int mtu;
    String status = "ACTIVE";
    @Column(name = "port_security_enabled")
    boolean portSecurityEnabled = true;
    @Column(name = "network_type", updatable = false)
    String networkType;
    @Column(name = "physical_network", updatable = false)
    String physicalNetwork;
    @Column(name = "segmentation_id", updatable = false)
    Integer segmentationId;

    protected NetworkEntity() {
    }

    NetworkEntity(String projectId) {
        super(projectId);
    }

    NetworkInfo info() {
        return new NetworkInfo(getId(), getProjectId(), name, shared, external, adminStateUp, mtu,
                portSecurityEnabled);
    }
}
