package io.nubo.image.image;

import io.nubo.image.config.ImageServiceProperties;
import io.nubo.image.member.MemberEntity;
import io.nubo.image.member.MemberRepository;
import io.nubo.image.member.MemberStatus;
import io.nubo.image.quota.ImageQuotas;
import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/** Image records: create, list, show, JSON-Patch update, tags, deactivate/reactivate. Data lives elsewhere. */
@Service
public class ImageService {

    private final ImageRepository images;
    private final MemberRepository members;
    private final ImageAccess access;
    private final ImageLifecycle lifecycle;
    private final ImageLocations locations;
    private final ImageQuotas quotas;
    private final ImageServiceProperties properties;
    private final Clock clock;

    public ImageService(ImageRepository images, MemberRepository members, ImageAccess access,
                        ImageLifecycle lifecycle, ImageLocations locations, ImageQuotas quotas, ImageServiceProperties properties, Clock clock) {
        this.images = images;
        this.members = members;
        this.access = access;
        this.lifecycle = lifecycle;
        this.locations = locations;
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
        Map<String, MemberStatus> memberships = new HashMap<>();
        if (caller.projectId() != null) {
            for (MemberEntity m : members.findByMemberId(caller.projectId())) {
                memberships.put(m.getImageId(), m.getStatus());
            }
        }
        Predicate<ImageEntity> visible = visibilityFilter(q, caller, memberships);
        List<ImageEntity> all = new ArrayList<>();
        for (ImageEntity i : images.findListable(caller.projectId(), caller.admin())) {
            if (visible.test(i) && (q.osHidden || !i.isOsHidden()) && q.filters.stream().allMatch(f -> f.test(i))) {
                all.add(i);
            }
        }
        all.sort(q.order);
        int start = 0;
        if (q.marker != null) {
            int at = -1;
            for (int k = 0; k < all.size(); k++) {
                if (all.get(k).getId().equals(q.marker)) {
                    at = k;
                    break;
                }
            }
            if (at < 0) {
                if (images.findLive(q.marker).filter(m -> access.canSee(m, caller)).isEmpty()) {
                    throw ImageError.INVALID_MARKER.exception(q.marker);
                }
                ImageEntity marker = images.findLive(q.marker).orElseThrow();
                at = insertionPoint(all, marker, q) - 1;
            }
            start = at + 1;
        }
        int end = Math.min(all.size(), start + q.limit);
        return new Page(List.copyOf(all.subList(Math.min(start, end), end)), end < all.size());
    }

    private static int insertionPoint(List<ImageEntity> sorted, ImageEntity marker, ImageListQuery q) {
        int k = 0;
        while (k < sorted.size() && q.order.compare(sorted.get(k), marker) < 0) {
            k++;
        }
        return k;
    }

    private static Predicate<ImageEntity> visibilityFilter(ImageListQuery q, Caller caller,
                                                           Map<String, MemberStatus> memberships) {
        Predicate<ImageEntity> owned = i -> caller.owns(i.getOwner());
        Predicate<ImageEntity> sharedWithMe = i -> i.getVisibility() == Visibility.SHARED
                && memberships.containsKey(i.getId())
                && (q.memberStatus.equals("all") || memberships.get(i.getId()).wire().equals(q.memberStatus));
        if (q.visibility == null) {
            return i -> switch (i.getVisibility()) {
                case PUBLIC -> true;
                case COMMUNITY -> owned.test(i);
                case SHARED -> owned.test(i) || sharedWithMe.test(i) || caller.admin() && q.memberStatus.equals("all")
                        || caller.admin() && !memberships.containsKey(i.getId());
                case PRIVATE -> owned.test(i) || caller.admin();
            };
        }
        return switch (q.visibility) {
            case "public" -> i -> i.getVisibility() == Visibility.PUBLIC;
            case "community" -> i -> i.getVisibility() == Visibility.COMMUNITY;
            case "private" -> i -> i.getVisibility() == Visibility.PRIVATE && (owned.test(i) || caller.admin());
            case "shared" -> i -> i.getVisibility() == Visibility.SHARED
                    && (sharedWithMe.test(i) || !memberships.containsKey(i.getId()) && (owned.test(i) || caller.admin()));
            default -> i -> i.getVisibility() != Visibility.SHARED || owned.test(i) || caller.admin()
                    || sharedWithMe.test(i);
        };
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
