package io.nubo.network.port;

import io.nubo.network.common.Json;
import io.nubo.network.common.StandardAttributes;
import io.nubo.network.port.api.AddressPair;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.annotations.BatchSize;

/** A port row. Its fixed IPs are IPAM's allocation rows; its security groups a join table. */
@Entity
@Table(name = "ports")
class PortEntity extends StandardAttributes {

    @Column(name = "network_id", updatable = false)
    String networkId;
    String name = "";
    @Column(name = "mac_address")
    String macAddress;
    @Column(name = "admin_state_up")
    boolean adminStateUp = true;
    String status = "DOWN";
    @Column(name = "device_id")
    String deviceId = "";
    @Column(name = "device_owner")
    String deviceOwner = "";
    @Column(name = "host_id")
    String hostId = "";
    @Column(name = "vnic_type")
    String vnicType = "normal";
    @Column(name = "binding_profile")
    String bindingProfile = "{}";
    @Column(name = "port_security_enabled")
    boolean portSecurityEnabled = true;
    @Column(name = "allowed_address_pairs")
    String allowedAddressPairs = "[]";
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "port_security_groups", joinColumns = @JoinColumn(name = "port_id"))
    @Column(name = "security_group_id")
    @BatchSize(size = 200)
    Set<String> securityGroups = new TreeSet<>();

    protected PortEntity() {
    }

    PortEntity(String projectId) {
        super(projectId);
    }

    List<AddressPair> pairs() {
        return Json.readList(allowedAddressPairs, AddressPair.class);
    }

    List<String> groups() {
        return List.copyOf(new TreeSet<>(securityGroups));
    }
}
