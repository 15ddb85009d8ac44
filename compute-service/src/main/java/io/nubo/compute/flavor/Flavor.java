package io.nubo.compute.flavor;

import io.nubo.shared.events.compute.FlavorSpec;
import java.util.Map;

/** A flavor as the rest of the compute API sees it. */
public record Flavor(String id, String name, int vcpus, int ramMb, int diskGb, int ephemeralGb, int swapMb,
                     double rxtxFactor, boolean isPublic, boolean disabled, String description,
                     Map<String, String> extraSpecs) {

    public FlavorSpec spec() {
        return new FlavorSpec(id, name, vcpus, ramMb, diskGb, ephemeralGb, swapMb, extraSpecs);
    }
}
