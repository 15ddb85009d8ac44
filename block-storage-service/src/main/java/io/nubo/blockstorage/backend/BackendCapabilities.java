package io.nubo.blockstorage.backend;

import java.util.Map;

/**
 * What a backend reports as its capabilities (pools, {@code capabilities/{host}}) and the part of Cinder's
 * {@code CapabilitiesFilter} that can say no here: an extra spec of a volume's type naming one of these capabilities
 * (unscoped or {@code capabilities:}-scoped) must equal the backend's value, or no backend takes the volume. Specs
 * naming other capabilities are ignored (Cinder would refuse them as not provided; this service keeps them as the
 * free-form keys they were before).
 */
public final class BackendCapabilities {

    public static final String VENDOR = "Open Source";
    public static final String DRIVER_VERSION = "1.0.0";

    private BackendCapabilities() {
    }

    /** Cinder's protocol names: {@code iSCSI}, {@code ceph} (RBD); {@code file} for local image files. */
    public static String protocol(VolumeBackend b) {
        return switch (b.driver()) {
            case "iscsi" -> "iSCSI";
            case "rbd" -> "ceph";
            default -> b.driver();
        };
    }

    /** The capabilities a type's extra specs are matched against. */
    public static Map<String, String> of(VolumeBackend b) {
        return Map.of("volume_backend_name", b.driver(), "vendor_name", VENDOR, "driver_version", DRIVER_VERSION,
                "storage_protocol", protocol(b));
    }

    /** Whether the backend satisfies every extra spec that names one of its capabilities. */
    public static boolean satisfies(VolumeBackend b, Map<String, String> extraSpecs) {
        Map<String, String> caps = of(b);
        for (Map.Entry<String, String> e : extraSpecs.entrySet()) {
            String key = e.getKey().startsWith("capabilities:") ? e.getKey().substring("capabilities:".length())
                    : e.getKey();
            String have = caps.get(key);
            if (have != null && !matches(have, e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Cinder's {@code extra_specs_ops.match} for the forms a string capability meets: {@code <in>}, or equality. */
    private static boolean matches(String have, String want) {
        String w = want == null ? "" : want.trim();
        if (w.startsWith("<in> ")) {
            return have.contains(w.substring(5).trim());
        }
        if (w.startsWith("<is> ")) {
            return have.equalsIgnoreCase(w.substring(5).trim());
        }
        if (w.startsWith("s== ")) {
            return have.equals(w.substring(4).trim());
        }
        return have.equals(w);
    }
}
