package io.nubo.computeagent.domain;

import java.util.List;

/** What {@code virConnectGetCapabilities} says of the host CPU. */
public record HostCapabilities(String arch, String cpuModel, String cpuVendor, List<String> cpuFeatures) {

    public HostCapabilities {
        cpuFeatures = cpuFeatures == null ? List.of() : List.copyOf(cpuFeatures);
    }
}
