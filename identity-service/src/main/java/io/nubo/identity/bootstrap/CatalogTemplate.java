package io.nubo.identity.bootstrap;

import java.util.List;

/** The services Nubo runs and where the gateway publishes them (DevStack-style path prefixes). */
final class CatalogTemplate {

    record Entry(String type, String name, String path) {
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry("identity", "keystone", "/identity/v3"),
            new Entry("compute", "nova", "/compute/v2.1"),
            new Entry("image", "glance", "/image"),
            new Entry("volumev3", "cinderv3", "/volume/v3/$(project_id)s"),
            new Entry("block-storage", "cinder", "/volume/v3/$(project_id)s"),
            new Entry("network", "neutron", "/network"),
            new Entry("object-store", "swift", "/object-store/v1/AUTH_$(project_id)s"),
            new Entry("rating", "cloudkitty", "/rating"));

    static final List<String> INTERFACES = List.of("public", "internal", "admin");

    private CatalogTemplate() {
    }
}
