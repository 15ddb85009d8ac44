package io.nubo.image.image;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns an image record into Glance's JSON. */
public final class ImageRenderer {

    private ImageRenderer() {
    }

    /**
     * The image as {@code caller} sees it: the owner project, admins and the cloud's own services also see its
     * locations and direct_url (Glance gives the service role its image locations so that nova-compute and
     * cinder-volume clone an image in RBD instead of downloading it).
     */
    public static ImageBody render(ImageEntity i, io.nubo.image.web.Caller caller) {
        return render(i, caller.admin() || caller.service() || caller.owns(i.getOwner()));
    }

    private static ImageBody render(ImageEntity i, boolean showLocations) {
        List<String> tags = new ArrayList<>(i.getTags());
        Collections.sort(tags);
        Map<String, String> props = new TreeMap<>(i.getProperties());
        java.util.SortedSet<String> stores = ImageLocations.stores(i);
        if (!stores.isEmpty()) {
            props.put("stores", String.join(",", stores));
        }
        return new ImageBody(i.getId(), i.getName(), i.getStatus().wire(), i.getVisibility().wire(), i.isProtected(),
                i.isOsHidden(), i.getChecksum(), i.getOsHashAlgo(), i.getOsHashValue(), i.getOwner(), i.getSize(),
                i.getVirtualSize(), i.getMinRam(), i.getMinDisk(), i.getDiskFormat(), i.getContainerFormat(),
                time(i.getCreatedAt()), time(i.getUpdatedAt()), tags, "/v2/images/" + i.getId(),
                "/v2/images/" + i.getId() + "/file", "/v2/schemas/image",
                showLocations ? ImageLocations.of(i) : null, showLocations ? i.getLocation() : null, props);
    }

    /** Glance's timestamps: UTC, whole seconds, {@code Z}. */
    public static String time(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
