package io.nubo.image.image;

import io.nubo.image.config.ImageServiceProperties;
import io.nubo.image.quota.ImageQuotas;
import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/** Image records: create, list, show, JSON-Patch update, tags, deactivate/reactivate. Data lives elsewhere. */
@Service
public class ImageService {

    private final ImageRepository images;
    private final ImageAccess access;
    private final ImageLifecycle lifecycle;
    private final ImageLocations locations;
    private final ImageListing listing;
    private final ImageQuotas quotas;
    private final ImageServiceProperties properties;
    private final Clock clock;

    public ImageService(ImageRepository images, ImageAccess access,
                        ImageLifecycle lifecycle, ImageLocations locations, ImageListing listing, ImageQuotas quotas, ImageServiceProperties properties, Clock clock) {
        this.images = images;
        this.access = access;
        this.lifecycle = lifecycle;
        this.locations = locations;
        this.listing = listing;
        this.quotas = quotas;
        this.properties = properties;
        this.clock = clock;
    }

    /** A page of images and whether more follow it. */
    public record Page(List<ImageEntity> images, boolean more) {
    }

    @Transactional
    public ImageEntity create(JsonNode body, Caller caller) {
        if (body == null || !body.isObject()) {
            throw ImageError.BAD_REQUEST.exception("The request body must be a JSON object.");
        }
        String id = UUID.randomUUID().toString();
        JsonNode idNode = body.get("id");
        if (idNode != null && !idNode.isNull()) {
            id = uuid(idNode);
            if (images.existsById(id)) {
                throw ImageError.CONFLICT.exception("An image with identifier " + id + " already exists");
            }
        }
        ImageEntity image = new ImageEntity(id, caller.projectId(), clock.instant());
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (!e.getKey().equals("id")) {
                ImageAttributes.set(image, e.getKey(), e.getValue(), caller);
            }
        }
        quotas.checkNewImage(image.getOwner());
        return images.save(image);
    }

    /**
     * One snapshot (repeatable read): the image row and its properties, tags and locations are separate queries,
     * and an import finishing between them must not show a status with the properties of another moment.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ImageEntity show(String id, Caller caller) {
        return access.visible(id, caller);
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Page list(MultiValueMap<String, String> params, Caller caller) {
        ImageListQuery q = new ImageListQuery(params, properties.defaultListLimit(), properties.maxListLimit());
        ImageEntity marker = null;
        if (q.marker != null) {
            marker = images.findLive(q.marker).filter(m -> access.canSee(m, caller))
                    .orElseThrow(() -> ImageError.INVALID_MARKER.exception(q.marker));
        }
        return listing.page(q, caller, marker);
    }

    /** Applies a JSON-Patch ({@code application/openstack-images-v2.1-json-patch}) all or nothing. */
    @Transactional
    public ImageEntity update(String id, List<ImagePatch.Operation> ops, Caller caller) {
        ImageEntity image = access.modifiable(id, caller);
        for (ImagePatch.Operation op : ops) {
            if (op.onLocations()) {
                image = locations.apply(image, op, caller);
            } else {
                op.applyTo(image, caller);
            }
        }
        image.touch(clock.instant());
        return images.save(image);
    }

    @Transactional
    public void addTag(String id, String tag, Caller caller) {
        ImageEntity image = access.modifiable(id, caller);
        ImageAttributes.addTag(image, tag);
        image.touch(clock.instant());
    }

    @Transactional
    public void removeTag(String id, String tag, Caller caller) {
        ImageEntity image = access.modifiable(id, caller);
        if (!image.getTags().remove(tag)) {
            throw ImageError.TAG_NOT_FOUND.exception(tag);
        }
        image.touch(clock.instant());
    }

    public void deactivate(String id, Caller caller) {
        changeActivation(id, caller, ImageTransition.DEACTIVATE, "deactivate");
    }

    public void reactivate(String id, Caller caller) {
        changeActivation(id, caller, ImageTransition.REACTIVATE, "reactivate");
    }

    private void changeActivation(String id, Caller caller, ImageTransition t, String verb) {
        ImageEntity image = access.modifiable(id, caller);
        if (!t.allowedFrom(image.getStatus()) || !lifecycle.tryApply(id, t)) {
            ImageStatus now = images.findLive(id).map(ImageEntity::getStatus).orElse(ImageStatus.DELETED);
            throw ImageError.FORBIDDEN.exception("Not allowed to " + verb + " image in status '" + now.wire() + "'");
        }
    }

    private static String uuid(JsonNode idNode) {
        try {
            if (idNode.isString()) {
                String s = idNode.stringValue();
                UUID.fromString(s);
                if (s.length() == 36) {
                    return s.toLowerCase(java.util.Locale.ROOT);
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ImageError.BAD_REQUEST.exception("Invalid value for 'id': a UUID is required.");
    }
}
