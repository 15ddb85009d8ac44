package io.nubo.compute.quota;

/**
 * Nova's quota resources with its default limits ({@code [quota]} options; -1 is unlimited). Those Nubo's compute
 * API counts are marked: the rest (floating IPs, security groups: the network service's) are reported as Nova
 * reports them with the network API split out, with nothing in use.
 */
public enum QuotaResource {
    INSTANCES("instances", 10, true),
    CORES("cores", 20, true),
    RAM("ram", 51200, true),
    FLOATING_IPS("floating_ips", 10, false),
    FIXED_IPS("fixed_ips", -1, false),
    METADATA_ITEMS("metadata_items", 128, false),
    KEY_PAIRS("key_pairs", 100, true),
    SECURITY_GROUPS("security_groups", 10, false),
    SECURITY_GROUP_RULES("security_group_rules", 20, false),
    SERVER_GROUPS("server_groups", 10, true),
    SERVER_GROUP_MEMBERS("server_group_members", 10, false),
    INJECTED_FILES("injected_files", 5, false),
    INJECTED_FILE_CONTENT_BYTES("injected_file_content_bytes", 10240, false),
    INJECTED_FILE_PATH_BYTES("injected_file_path_bytes", 255, false);

    private final String wire;
    private final int defaultLimit;
    private final boolean counted;

    QuotaResource(String wire, int defaultLimit, boolean counted) {
        this.wire = wire;
        this.defaultLimit = defaultLimit;
        this.counted = counted;
    }

    public String wire() {
        return wire;
    }

    public int defaultLimit() {
        return defaultLimit;
    }

    public boolean counted() {
        return counted;
    }

    public static QuotaResource ofWire(String name) {
        for (QuotaResource r : values()) {
            if (r.wire.equals(name)) {
                return r;
            }
        }
        return null;
    }
}
