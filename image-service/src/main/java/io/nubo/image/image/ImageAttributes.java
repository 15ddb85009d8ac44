package io.nubo.image.image;

import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Glance's rules for an image's writable attributes, shared by create and JSON-Patch update: which are read-only
 * or reserved, the allowed disk and container formats, types, and who may make an image public or change its owner.
 */
final class ImageAttributes {

    static final List<String> DISK_FORMATS = List.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2",
            "vdi", "iso", "ploop");
    static final List<String> CONTAINER_FORMATS = List.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker",
            "compressed");
    /** set by the service, never by a client */
    static final Set<String> READ_ONLY = Set.of("checksum", "created_at", "updated_at", "status", "size",
            "virtual_size", "self", "file", "schema", "direct_url", "location", "locations", "os_hash_algo",
            "os_hash_value", "stores", "deleted", "deleted_at", "id");
    static final Set<String> CORE = Set.of("name", "visibility", "protected", "os_hidden", "disk_format",
            "container_format", "min_ram", "min_disk", "tags", "owner");
    static final int MAX_TAGS = 128;
    static final int MAX_PROPERTIES = 128;

    private ImageAttributes() {
    }

    static void checkWritable(String name) {
        if (READ_ONLY.contains(name)) {
            throw ImageError.READ_ONLY.exception(name);
        }
        if (name.startsWith("os_glance")) {
            throw ImageError.RESERVED.exception(name);
        }
        if (name.isEmpty() || name.length() > 255) {
            throw ImageError.BAD_REQUEST.exception("Property names must be 1 to 255 characters long.");
        }
    }

    /** Sets one attribute (core or custom) after checking it; the image is not yet saved. */
    static void set(ImageEntity image, String name, JsonNode value, Caller caller) {
        checkWritable(name);
        switch (name) {
            case "name" -> image.setName(nullableString(name, value, 255));
            case "visibility" -> image.setVisibility(visibility(value, caller));
            case "protected" -> image.setProtected(bool(name, value));
            case "os_hidden" -> image.setOsHidden(bool(name, value));
            case "disk_format" -> image.setDiskFormat(format(name, value, DISK_FORMATS, image));
            case "container_format" -> image.setContainerFormat(format(name, value, CONTAINER_FORMATS, image));
            case "min_ram" -> image.setMinRam(nonNegative(name, value));
            case "min_disk" -> image.setMinDisk(nonNegative(name, value));
            case "tags" -> replaceTags(image, value);
            case "owner" -> image.setOwner(owner(value, caller));
            default -> setProperty(image, name, value);
        }
    }

    static void remove(ImageEntity image, String name) {
        checkWritable(name);
        if (CORE.contains(name)) {
            throw ImageError.FORBIDDEN.exception("Attribute '" + name + "' cannot be removed.");
        }
        if (image.getProperties().remove(name) == null) {
            throw ImageError.CONFLICT.exception("Property " + name + " does not exist.");
        }
    }

    static boolean has(ImageEntity image, String name) {
        return CORE.contains(name) || image.getProperties().containsKey(name);
    }

    static void addTag(ImageEntity image, String tag) {
        checkTag(tag);
        image.getTags().add(tag);
        if (image.getTags().size() > MAX_TAGS) {
            throw ImageError.OVER_QUOTA.exception("Maximum number of tags (" + MAX_TAGS + ") exceeded.");
        }
    }

    private static void checkTag(String tag) {
        if (tag == null || tag.isEmpty() || tag.length() > 255) {
            throw ImageError.BAD_REQUEST.exception("A tag must be 1 to 255 characters long.");
        }
    }

    private static void replaceTags(ImageEntity image, JsonNode value) {
        if (value == null || !value.isArray()) {
            throw ImageError.BAD_REQUEST.exception("Invalid value for 'tags': an array of strings is required.");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode t : value) {
            if (!t.isString()) {
                throw ImageError.BAD_REQUEST.exception("Invalid value for 'tags': an array of strings is required.");
            }
            checkTag(t.stringValue());
            tags.add(t.stringValue());
        }
        if (tags.size() > MAX_TAGS) {
            throw ImageError.OVER_QUOTA.exception("Maximum number of tags (" + MAX_TAGS + ") exceeded.");
        }
        image.getTags().clear();
        image.getTags().addAll(tags);
    }

    private static void setProperty(ImageEntity image, String name, JsonNode value) {
        if (value == null || !value.isString()) {
            throw ImageError.BAD_REQUEST.exception("Provided object does not match schema 'image': "
                    + "the value of additional property '" + name + "' must be a string.");
        }
        if (value.stringValue().length() > 65535) {
            throw ImageError.BAD_REQUEST.exception("The value of property '" + name + "' is too long.");
        }
        image.getProperties().put(name, value.stringValue());
        if (image.getProperties().size() > MAX_PROPERTIES) {
            throw ImageError.OVER_QUOTA.exception("Maximum number of properties (" + MAX_PROPERTIES + ") exceeded.");
        }
    }

    private static Visibility visibility(JsonNode value, Caller caller) {
        Visibility v = value != null && value.isString() ? Visibility.fromWire(value.stringValue()) : null;
        if (v == null) {
            throw ImageError.INVALID_FORMAT.exception(value == null ? "null" : value.asString(), "visibility",
                    "[public, private, shared, community]");
        }
        if (v == Visibility.PUBLIC && !caller.admin()) {
            throw ImageError.FORBIDDEN.exception("You are not authorized to set the visibility of an image to public.");
        }
        return v;
    }

    private static String format(String name, JsonNode value, List<String> allowed, ImageEntity image) {
        if (image.getStatus() != ImageStatus.QUEUED) {
            throw ImageError.FORBIDDEN.exception("Attribute " + name + " can be only replaced for a queued image.");
        }
        String s = nullableString(name, value, 32);
        if (s != null && !allowed.contains(s)) {
            throw ImageError.INVALID_FORMAT.exception(s, name, allowed);
        }
        return s;
    }

    private static String owner(JsonNode value, Caller caller) {
        String owner = nullableString("owner", value, 255);
        if (!caller.admin() && !caller.owns(owner)) {
            throw ImageError.FORBIDDEN.exception("You are not permitted to set the owner of an image to another project.");
        }
        return owner;
    }

    private static String nullableString(String name, JsonNode value, int max) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.stringValue().length() > max) {
            throw ImageError.BAD_REQUEST.exception("Invalid value for '" + name + "': a string of at most " + max
                    + " characters is required.");
        }
        return value.stringValue();
    }

    private static boolean bool(String name, JsonNode value) {
        if (value == null || !value.isBoolean()) {
            throw ImageError.BAD_REQUEST.exception("Invalid value for '" + name + "': true or false is required.");
        }
        return value.booleanValue();
    }

    private static int nonNegative(String name, JsonNode value) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw ImageError.BAD_REQUEST.exception("Invalid value for '" + name + "': a non-negative integer is required.");
        }
        return value.intValue();
    }
}
