package io.nubo.computeagent.design;

import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.NicSpec;
import java.util.List;

/**
 * What the API asked for one guest, as the spawn and rebuild commands carry it.
 *
 * @param image      the image of the root disk, or null when the guest boots from a volume
 * @param rootVolume the root disk when the guest boots from a volume (block device mapping with boot index 0), as
 *                   {@code VolumeDisks} planned it from its connection; null otherwise
 */
public record GuestRequest(String instanceId, String displayName, String projectId, String userId, FlavorSpec flavor,
                           ImageSpec image, List<NicSpec> nics, DiskDevice rootVolume) {

    public GuestRequest {
        nics = nics == null ? List.of() : List.copyOf(nics);
        if (image == null && rootVolume == null) {
            throw new IllegalArgumentException("the guest needs an image or a root volume to boot from");
        }
    }

    public GuestRequest(String instanceId, String displayName, String projectId, String userId, FlavorSpec flavor,
                        ImageSpec image, List<NicSpec> nics) {
        this(instanceId, displayName, projectId, userId, flavor, image, nics, null);
    }
}
