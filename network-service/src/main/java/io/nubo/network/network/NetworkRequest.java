package io.nubo.network.network;

import io.nubo.network.common.RequestBody;
import tools.jackson.databind.JsonNode;

/**
 * A network create or update body, read after its schema ({@code network-create.json}, {@code network-update.json})
 * checked attribute names, types and ranges. Null means "not given".
 */
record NetworkRequest(String projectId, String name, String description, Boolean adminStateUp, Boolean shared,
                      Boolean external, Integer mtu, Boolean portSecurityEnabled, String networkType,
                      String physicalNetwork, Integer segmentationId, boolean providerGiven) {

    static NetworkRequest create(RequestBody b) {
        return read(b);
    }

    static NetworkRequest update(JsonNode body) {
        return read(RequestBody.of(body, "network"));
    }

    private static NetworkRequest read(RequestBody b) {
        String type = b.string("provider:network_type");
        Integer segment = b.integer("provider:segmentation_id");
        // the schema bounds a segment by VXLAN's 24 bits; a VLAN id has 12
        if (segment != null && "vlan".equals(type) && segment > 4094) {
            throw RequestBody.invalid("provider:segmentation_id", "'" + segment + "' is out of range");
        }
        boolean provider = b.has("provider:network_type") || b.has("provider:physical_network")
                || b.has("provider:segmentation_id");
        return new NetworkRequest(b.project(), b.string("name"), b.string("description"),
                b.bool("admin_state_up"), b.bool("shared"), b.bool("router:external"), b.integer("mtu"),
                b.bool("port_security_enabled"), type, b.string("provider:physical_network"), segment, provider);
    }
}
