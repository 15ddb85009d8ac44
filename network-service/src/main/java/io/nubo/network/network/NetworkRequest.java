package io.nubo.network.network;

import io.nubo.network.common.RequestBody;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A network create or update body, checked in one place. Null means "not given".
 */
record NetworkRequest(String projectId, String name, String description, Boolean adminStateUp, Boolean shared,
                      Boolean external, Integer mtu, Boolean portSecurityEnabled, String networkType,
                      String physicalNetwork, Integer segmentationId, boolean providerGiven) {

    private static final Set<String> CREATE = Set.of("name", "description", "admin_state_up", "shared",
            "router:external", "mtu", "port_security_enabled", "project_id", "tenant_id", "provider:network_type",
            "provider:physical_network", "provider:segmentation_id", "tags");
    private static final Set<String> UPDATE = Set.of("name", "description", "admin_state_up", "shared",
            "router:external", "mtu", "port_security_enabled");
    static final Set<String> NETWORK_TYPES = Set.of("vxlan", "vlan", "flat", "local");

    static NetworkRequest create(RequestBody b) {
        return read(b);
    }

    static Set<String> createAttributes() {
        return CREATE;
    }

    static NetworkRequest update(JsonNode body) {
        return read(RequestBody.of(body, "network", UPDATE));
    }

    private static NetworkRequest read(RequestBody b) {
        Integer mtu = b.integer("mtu");
        if (mtu != null && (mtu < 68 || mtu > 9000)) {
            throw RequestBody.invalid("mtu", "'" + mtu + "' is not in range 68 through 9000");
        }
        String type = b.string("provider:network_type", 255);
        if (type != null && !NETWORK_TYPES.contains(type)) {
            throw RequestBody.invalid("provider:network_type", "network type '" + type + "' is not supported"
                    + " (vxlan, vlan, flat, local)");
        }
        Integer segment = b.integer("provider:segmentation_id");
        if (segment != null && (segment < 1 || segment > 16777215 || "vlan".equals(type) && segment > 4094)) {
            throw RequestBody.invalid("provider:segmentation_id", "'" + segment + "' is out of range");
        }
        boolean provider = b.has("provider:network_type") || b.has("provider:physical_network")
                || b.has("provider:segmentation_id");
        return new NetworkRequest(b.project(), b.string("name", 255), b.string("description", 255),
                b.bool("admin_state_up"), b.bool("shared"), b.bool("router:external"), mtu,
                b.bool("port_security_enabled"), type, b.string("provider:physical_network", 64), segment, provider);
    }
}
