package io.nubo.computeagent.domain;

/**
 * Nubo's element inside {@code <metadata>} (namespace {@link #NAMESPACE}), as Nova keeps {@code <nova:instance>}:
 * who the guest belongs to, so the agent recognises its own guests when it reconciles at start.
 */
public record NuboMetadata(String instanceId, String displayName, String projectId, String userId,
                           String flavorName, String imageId) {

    public static final String NAMESPACE = "http://nubo.io/xmlns/compute-agent/1.0";
    public static final String PREFIX = "nubo";
}
