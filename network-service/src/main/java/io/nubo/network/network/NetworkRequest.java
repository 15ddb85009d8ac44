package io.nubo.network.network;

import io.nubo.network.common.RequestBody;
import tools.jackson.databind.JsonNode;

/**
 * A network create or update body, read after its schema ({@code network-create.json}, {@code network-update.json})
 * checked attribute names and types. Null means "not given".
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
        // integers may come as strings (the CLI sends --mtu so), so their ranges are checked here, not in the schema
        Integer mtu = b.integer("mtu");
        if (mtu != null && (mtu < 68 || mtu > 9000)) {
            throw RequestBody.invalid("mtu", "'" + mtu + "' is not in range 68 through 9000");
        }
        String type = b.string("provider:network_type");
        Integer segment = b.integer("provider:segmentation_id");
        if (segment != null && (segment < 1 || segment > 16777215 || "vlan".equals(type) && segment > 4094)) {
            throw RequestBody.invalid("provider:segmentation_id", "'" + segment + "' is out of range");
        }
        boolean provider = b.has("provider:network_type") || b.has("provider:physical_network")
                || b.has("provider:segmentation_id");
        return new NetworkRequest(b.project(), b.string("name"), b.string("description"),
                b.bool("admin_state_up"), b.bool("shared"), b.bool("router:external"), mtu,
                b.bool("port_security_enabled"), type, b.string("provider:physical_network"), segment, provider);
    }
}
