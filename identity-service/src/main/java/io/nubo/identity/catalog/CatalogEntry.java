package io.nubo.identity.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One service in a token's catalog, as Keystone renders it. */
public record CatalogEntry(String id, String type, String name, List<Endpoint> endpoints) {

    /** Tempest reads {@code region} directly; {@code region_id} is the v3 name. */
    public record Endpoint(String id, @JsonProperty("interface") String iface, String region,
                           @JsonProperty("region_id") String regionId, String url) {
    }
}
