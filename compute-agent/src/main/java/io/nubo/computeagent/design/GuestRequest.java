package io.nubo.computeagent.design;

import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.NicSpec;
import java.util.List;

/** What the API asked for one guest, as the spawn and rebuild commands carry it. */
public record GuestRequest(String instanceId, String displayName, String projectId, String userId, FlavorSpec flavor,
                           ImageSpec image, List<NicSpec> nics) {

    public GuestRequest {
        nics = nics == null ? List.of() : List.copyOf(nics);
    }
}
