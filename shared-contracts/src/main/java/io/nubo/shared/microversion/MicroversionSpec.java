package io.nubo.shared.microversion;

/**
 * What a service serves: its service type in {@code OpenStack-API-Version} ({@code compute}, {@code volume}), the
 * legacy header it also reads and echoes ({@code X-OpenStack-Nova-API-Version}, or null), the range it implements,
 * and the path prefix of the versioned API ({@code /v2.1}). A request without a version header gets {@code min}
 * (as Nova and Cinder do); {@code latest} means {@code max}. Declare it as a bean to switch the mechanism on.
 */
public record MicroversionSpec(String serviceType, String legacyHeader, ApiVersion min, ApiVersion max,
                               String pathPrefix) {

    public MicroversionSpec {
        if (serviceType == null || serviceType.isBlank() || min == null || max == null || pathPrefix == null) {
            throw new IllegalArgumentException("service type, min, max and path prefix are required");
        }
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
    }

    public static MicroversionSpec of(String serviceType, String legacyHeader, String min, String max,
                                      String pathPrefix) {
        return new MicroversionSpec(serviceType, legacyHeader, ApiVersion.parse(min), ApiVersion.parse(max),
                pathPrefix);
    }

    public boolean covers(String path) {
        return path.equals(pathPrefix) || path.startsWith(pathPrefix + "/");
    }
}
