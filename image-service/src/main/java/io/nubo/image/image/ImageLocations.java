package io.nubo.image.image;

import io.nubo.image.member.MemberRepository;
import io.nubo.image.store.HttpImageStore;
import io.nubo.image.store.ImageStore;
import io.nubo.image.store.ImageStores;
import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Glance's image locations ({@code show_multiple_locations}): JSON-Patch {@code add /locations/-},
 * {@code replace /locations} (metadata only) and {@code remove /locations/N}. New locations are http(s) URLs on the
 * hosts {@code web-download} may fetch from, read through the read-only {@link HttpImageStore}; a first location
 * makes a queued image active, further ones must be the same data (same size, matching {@code validation_data}).
 * On an image other projects can use (public, community or with members) only an admin may change the locations
 * of its data (OSSN-0065: otherwise an owner could swap the bytes under an image others trust).
 */
@Component
public class ImageLocations {

    public static final String ATTRIBUTE = "locations";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<ImageStatus> HAS_DATA = EnumSet.of(ImageStatus.ACTIVE, ImageStatus.DEACTIVATED);
    private static final Map<String, Integer> HASH_LENGTHS = Map.of("md5", 32, "sha1", 40, "sha224", 56,
            "sha256", 64, "sha384", 96, "sha512", 128);
    private static final int MAX_URL = 1024;

    private final ImageRepository images;
    private final MemberRepository members;
    private final ImageStores stores;
    private final ImageEvents events;

    public ImageLocations(ImageRepository images, MemberRepository members, ImageStores stores, ImageEvents events) {
        this.images = images;
        this.members = members;
        this.stores = stores;
        this.events = events;
    }

    /** A location as the client sent it. */
    record NewLocation(String url, String metadata, JsonNode validationData) {
    }

    /** One location of an image on the wire. */
    public record LocationBody(String url, Map<String, Object> metadata) {
    }

    /** The image's locations, the first one first; empty while it has no data. */
    public static List<LocationBody> of(ImageEntity image) {
        List<LocationBody> all = new ArrayList<>();
        if (image.getLocation() != null) {
            all.add(new LocationBody(image.getLocation(), metadata(image.getLocationMetadata())));
            for (ExtraLocation e : image.getExtraLocations()) {
                all.add(new LocationBody(e.getUrl(), metadata(e.getMetadata())));
            }
        }
        return all;
    }

    /** The stores that hold the image's data, sorted: Glance's {@code stores} field (comma separated). */
    public static java.util.SortedSet<String> stores(ImageEntity image) {
        java.util.SortedSet<String> ids = new java.util.TreeSet<>();
        if (image.getLocation() != null && image.getStoreName() != null) {
            ids.add(image.getStoreName());
        }
        image.getExtraLocations().forEach(e -> ids.add(e.getStoreName()));
        ids.remove(HttpImageStore.ID);
        return ids;
    }

    /**
     * Applies one operation on {@code /locations}; answers the image to go on with (a fresh copy when a
     * compare-and-swap changed its status or first location).
     */
    public ImageEntity apply(ImageEntity image, ImagePatch.Operation op, Caller caller) {
        return switch (op.op()) {
            case "add" -> add(image, parse(op.value()), op.index(), caller);
            case "replace" -> {
                if (op.index() != null) {
                    throw ImageError.BAD_REQUEST.exception("Replace the whole list: use the path /locations.");
                }
                yield replace(image, op.value(), caller);
            }
            default -> remove(image, op.index(), caller);
        };
    }

    private ImageEntity add(ImageEntity image, NewLocation loc, String index, Caller caller) {
        if (index == null) {
            throw ImageError.BAD_REQUEST.exception("Add one location at a time: use the path /locations/-.");
        }
        HttpImageStore http = stores.http();
        String refusal = http == null ? "there is no http store" : http.refusal(loc.url());
        if (refusal != null) {
            throw ImageError.BAD_REQUEST.exception("Invalid location " + loc.url() + ": " + refusal + ".");
        }
        if (of(image).stream().anyMatch(l -> l.url().equals(loc.url()))) {
            throw ImageError.BAD_REQUEST.exception("The location " + loc.url() + " is already one of the image's.");
        }
        List<LocationBody> current = of(image);
        int at = index.equals("-") ? current.size() : position(index, current.size() + 1);
        if (image.getStatus() == ImageStatus.QUEUED) {
            String[] hashes = newHashes(loc.validationData());
            long size = size(http, loc.url()).orElseThrow(() -> ImageError.BAD_REQUEST.exception(
                    "The location " + loc.url() + " does not announce its size (Content-Length)."));
            if (!events.located(image.getId(), HttpImageStore.ID, loc.url(), size, hashes[0], hashes[1], hashes[2])) {
                throw ImageError.BAD_STATUS.exception(current(image.getId()).wire(), ImageStatus.ACTIVE.wire());
            }
            ImageEntity fresh = images.findLive(image.getId()).orElseThrow();
            fresh.setLocationMetadata(loc.metadata());
            return fresh;
        }
        requireData(image);
        guardShared(image, caller);
        matchHashes(image, loc.validationData());
        OptionalLong size = size(http, loc.url());
        if (size.isPresent() && image.getSize() != null && size.getAsLong() != image.getSize()) {
            throw ImageError.CONFLICT.exception("The location " + loc.url() + " holds " + size.getAsLong()
                    + " bytes, the image " + image.getSize() + ": it is not the same data.");
        }
        if (at == 0) {
            throw ImageError.BAD_REQUEST.exception("A new location goes after the first one (/locations/-).");
        }
        image.getExtraLocations().add(at - 1, new ExtraLocation(loc.url(), HttpImageStore.ID, loc.metadata()));
        return image;
    }

    private ImageEntity replace(ImageEntity image, JsonNode value, Caller caller) {
        if (value == null || !value.isArray()) {
            throw ImageError.BAD_REQUEST.exception("The value of /locations must be a list of locations.");
        }
        List<NewLocation> wanted = new ArrayList<>();
        for (JsonNode v : value) {
            wanted.add(parse(v));
        }
        List<LocationBody> current = of(image);
        if (current.isEmpty()) {
            ImageEntity result = image;
            for (NewLocation loc : wanted) {
                result = add(result, loc, "-", caller);
            }
            return result;
        }
        if (!wanted.stream().map(NewLocation::url).toList().equals(current.stream().map(LocationBody::url).toList())) {
            throw ImageError.BAD_REQUEST.exception("Replacing locations can only change their metadata; add or remove"
                    + " locations one at a time (add /locations/-, remove /locations/N).");
        }
        image.setLocationMetadata(wanted.get(0).metadata());
        for (int k = 1; k < wanted.size(); k++) {
            image.getExtraLocations().get(k - 1).setMetadata(wanted.get(k).metadata());
        }
        return image;
    }

    private ImageEntity remove(ImageEntity image, String index, Caller caller) {
        if (index == null) {
            throw ImageError.BAD_REQUEST.exception("Remove one location at a time: use the path /locations/N.");
        }
        List<LocationBody> current = of(image);
        int at = position(index, current.size());
        if (current.size() == 1) {
            throw ImageError.FORBIDDEN.exception("Cannot remove last location in the image.");
        }
        requireData(image);
        guardShared(image, caller);
        String removedUrl;
        String removedStore;
        ImageEntity result = image;
        if (at == 0) {
            ExtraLocation next = image.getExtraLocations().get(0);
            removedUrl = image.getLocation();
            removedStore = image.getStoreName();
            if (images.swapFirstLocation(image.getId(), removedUrl, next.getStoreName(), next.getUrl()) != 1) {
                throw ImageError.CONFLICT.exception("The image's locations changed meanwhile; read it and try again.");
            }
            result = images.findLive(image.getId()).orElseThrow();
            result.setLocationMetadata(next.getMetadata());
            result.getExtraLocations().remove(0);
        } else {
            ExtraLocation gone = image.getExtraLocations().remove(at - 1);
            removedUrl = gone.getUrl();
            removedStore = gone.getStoreName();
        }
        deleteAfterCommit(removedStore, removedUrl);
        return result;
    }

    /** Glance deletes a removed location's data from its store; only once the removal is committed. */
    private void deleteAfterCommit(String storeId, String url) {
        ImageStore store = stores.byId(storeId);
        if (store == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                store.deleteQuietly(url);
            }
        });
    }

    private void guardShared(ImageEntity image, Caller caller) {
        boolean usedByOthers = image.getVisibility() == Visibility.PUBLIC
                || image.getVisibility() == Visibility.COMMUNITY
                || !members.findByImageIdOrderByCreatedAt(image.getId()).isEmpty();
        if (usedByOthers && !caller.admin()) {
            throw ImageError.FORBIDDEN.exception("Only an admin may change the locations of an image other projects"
                    + " can use (public, community or shared with members).");
        }
    }

    private void requireData(ImageEntity image) {
        if (!HAS_DATA.contains(image.getStatus())) {
            throw ImageError.CONFLICT.exception("The locations of an image in status " + image.getStatus().wire()
                    + " cannot change.");
        }
    }

    private ImageStatus current(String id) {
        return images.findLive(id).map(ImageEntity::getStatus).orElse(ImageStatus.DELETED);
    }

    private static OptionalLong size(HttpImageStore http, String url) {
        try {
            return http.size(url);
        } catch (NoSuchFileException e) {
            throw ImageError.BAD_REQUEST.exception("Nothing found at the location " + url + ".");
        } catch (IOException e) {
            throw ImageError.BAD_REQUEST.exception("The location " + url + " could not be read: " + e.getMessage());
        }
    }

    /** A second location must be the same data: every validation value given equals the image's. */
    private static void matchHashes(ImageEntity image, JsonNode v) {
        if (v == null) {
            return;
        }
        for (String[] f : new String[][] {{"checksum", image.getChecksum()}, {"os_hash_algo", image.getOsHashAlgo()},
                {"os_hash_value", image.getOsHashValue()}}) {
            JsonNode given = v.get(f[0]);
            if (given != null && !given.isNull() && !Objects.equals(given.asString(), f[1])) {
                throw ImageError.CONFLICT.exception("The location's " + f[0] + " does not match the image's.");
            }
        }
    }

    /** checksum, os_hash_algo, os_hash_value of a first location's validation_data, checked; nulls when absent. */
    private static String[] newHashes(JsonNode v) {
        if (v == null) {
            return new String[3];
        }
        String checksum = text(v, "checksum");
        String algo = text(v, "os_hash_algo");
        String hash = text(v, "os_hash_value");
        if (checksum != null && !checksum.matches("[0-9a-f]{32}")) {
            throw ImageError.BAD_REQUEST.exception("validation_data.checksum must be 32 lowercase hex digits (MD5).");
        }
        if ((algo == null) != (hash == null)) {
            throw ImageError.BAD_REQUEST.exception("validation_data needs both os_hash_algo and os_hash_value.");
        }
        if (algo != null && (!HASH_LENGTHS.containsKey(algo) || !hash.matches("[0-9a-f]{" + HASH_LENGTHS.get(algo) + "}"))) {
            throw ImageError.BAD_REQUEST.exception("validation_data.os_hash_value is not a " + algo + " digest in hex"
                    + " (algorithms: " + HASH_LENGTHS.keySet() + ").");
        }
        return new String[] {checksum, algo, hash};
    }

    private static String text(JsonNode v, String field) {
        JsonNode n = v.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            throw ImageError.BAD_REQUEST.exception("validation_data." + field + " must be a string.");
        }
        return n.stringValue();
    }

    private static int position(String index, int size) {
        try {
            int n = Integer.parseInt(index);
            if (n >= 0 && n < size) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ImageError.BAD_REQUEST.exception("Invalid location index " + index + ".");
    }

    private static NewLocation parse(JsonNode v) {
        if (v == null || !v.isObject() || !v.has("url") || !v.get("url").isString() || !v.has("metadata")
                || !v.get("metadata").isObject()) {
            throw ImageError.BAD_REQUEST.exception("A location is an object with 'url' (a string) and 'metadata'"
                    + " (an object), and optionally 'validation_data'.");
        }
        for (String key : v.propertyNames()) {
            if (!Set.of("url", "metadata", "validation_data").contains(key)) {
                throw ImageError.BAD_REQUEST.exception("Unknown member '" + key + "' in a location.");
            }
        }
        JsonNode validation = v.get("validation_data");
        if (validation != null && !validation.isNull()) {
            if (!validation.isObject()) {
                throw ImageError.BAD_REQUEST.exception("validation_data must be an object.");
            }
            for (String key : validation.propertyNames()) {
                if (!Set.of("checksum", "os_hash_algo", "os_hash_value").contains(key)) {
                    throw ImageError.BAD_REQUEST.exception("Unknown member '" + key + "' in validation_data.");
                }
            }
        } else {
            validation = null;
        }
        String url = v.get("url").stringValue();
        if (url.length() > MAX_URL) {
            throw ImageError.BAD_REQUEST.exception("A location URL is at most " + MAX_URL + " characters long.");
        }
        return new NewLocation(url, JSON.writeValueAsString(v.get("metadata")), validation);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(String json) {
        return json == null ? Map.of() : JSON.readValue(json, Map.class);
    }
}
