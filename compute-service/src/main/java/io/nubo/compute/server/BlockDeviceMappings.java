package io.nubo.compute.server;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.RequestBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The block device mappings of a server create request, checked and normalised as Nova's API does
 * ({@code BlockDeviceDict.from_api}, {@code from_legacy_mapping} and the boot sequence check of
 * {@code compute/api.py _validate_bdm}); the checks that need block storage are the volume feature's.
 */
final class BlockDeviceMappings {

    private static final Set<String> SOURCES = Set.of("image", "volume", "snapshot", "blank");
    private static final Set<String> DESTINATIONS = Set.of("volume", "local");
    private static final Pattern UUID_LIKE = Pattern.compile("^[0-9a-zA-Z-]{1,255}$");
    private static final Pattern DEVICE = Pattern.compile("^(/dev/)?[a-z]{2,3}[a-z]$");

    private BlockDeviceMappings() {
    }

    /** Nova's InvalidBDMFormat. */
    static RuntimeException invalid(String details) {
        return ComputeError.BAD_REQUEST.exception("Block Device Mapping is Invalid: " + details);
    }

    /**
     * The mappings that need block storage (an {@code image} to {@code local} mapping at boot index 0 is the
     * request's image itself and is left out).
     *
     * @param imageGiven whether the request names an image ({@code imageRef} not empty)
     */
    static List<BlockDeviceRequest> parse(RequestBody s, boolean imageGiven) {
        List<BlockDeviceRequest> out = new ArrayList<>();
        JsonNode v2 = array(s, "block_device_mapping_v2");
        JsonNode legacy = array(s, "block_device_mapping");
        if (v2 != null && legacy != null && !v2.isEmpty() && !legacy.isEmpty()) {
            throw ComputeError.BAD_REQUEST.exception("Using different block_device_mapping syntaxes is not allowed"
                    + " in the same request.");
        }
        if (v2 != null) {
            for (JsonNode item : v2) {
                BlockDeviceRequest b = fromApi(s, item, imageGiven);
                if (b != null) {
                    out.add(b);
                }
            }
        }
        if (legacy != null) {
            out.addAll(fromLegacy(s, legacy, imageGiven));
        }
        if (!out.isEmpty()) {
            bootSequence(out, imageGiven);
        }
        return out;
    }

    private static JsonNode array(RequestBody s, String field) {
        JsonNode list = s.raw().get(field);
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray()) {
            throw s.invalid(field, list, list + " is not of type 'array'");
        }
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw s.invalid(field, item, item + " is not of type 'object'");
            }
        }
        return list;
    }

    private static BlockDeviceRequest fromApi(RequestBody s, JsonNode bdm, boolean imageGiven) {
        String field = "block_device_mapping_v2";
        String source = text(s, field, bdm, "source_type");
        if (source == null || !SOURCES.contains(source)) {
            throw s.invalid(field + "/source_type", source, "'" + source + "' is not one of " + sorted(SOURCES));
        }
        String dest = text(s, field, bdm, "destination_type");
        if (dest != null && !DESTINATIONS.contains(dest)) {
            throw s.invalid(field + "/destination_type", dest, "'" + dest + "' is not one of "
                    + sorted(DESTINATIONS));
        }
        if (dest == null) {
            dest = source.equals("volume") || source.equals("snapshot") ? "volume" : "local";
        }
        String uuid = text(s, field, bdm, "uuid");
        if (source.equals("blank") && uuid != null) {
            throw invalid("Invalid device UUID.");
        }
        if (!source.equals("blank")) {
            if (uuid == null || uuid.isEmpty()) {
                throw invalid("Missing device UUID.");
            }
            if (!UUID_LIKE.matcher(uuid).matches()) {
                throw s.invalid(field + "/uuid", uuid, "'" + uuid + "' does not match '^[a-zA-Z0-9._-]*$'");
            }
        }
        Integer boot = integer(s, field, bdm, "boot_index", true);
        if (source.equals("image") && dest.equals("local")) {
            if (!(imageGiven && boot != null && boot == 0)) {
                throw invalid("Mapping image to local is not supported.");
            }
            return null; // the request's image is the root disk, as without a mapping
        }
        if (dest.equals("local")) {
            throw ComputeError.NOT_YET_SUPPORTED.exception("Block Device Mapping is Invalid: local disks other than"
                    + " the image (source_type blank to destination_type local) are not available on this cloud;"
                    + " use the flavor's ephemeral and swap disks.");
        }
        Integer size = integer(s, field, bdm, "volume_size", false);
        return new BlockDeviceRequest(source, dest, uuid, boot, size, bool(s, field, bdm, "delete_on_termination"),
                device(s, field, bdm));
    }

    /**
     * Nova's from_legacy_mapping without a root device name: without an image the first mapping that is not blank
     * boots; with one, the image does and every mapping gets boot index -1.
     */
    private static List<BlockDeviceRequest> fromLegacy(RequestBody s, JsonNode list, boolean imageGiven) {
        String field = "block_device_mapping";
        List<BlockDeviceRequest> out = new ArrayList<>();
        boolean rootTaken = imageGiven;
        for (JsonNode bdm : list) {
            if (bool(s, field, bdm, "no_device") || bdm.has("virtual_name")) {
                continue;
            }
            String volume = text(s, field, bdm, "volume_id");
            String snapshot = text(s, field, bdm, "snapshot_id");
            if (volume == null && snapshot == null) {
                throw invalid("Missing device UUID.");
            }
            String source = volume != null ? "volume" : "snapshot";
            Integer boot = rootTaken ? Integer.valueOf(-1) : Integer.valueOf(0);
            rootTaken = true;
            out.add(new BlockDeviceRequest(source, "volume", volume != null ? volume : snapshot, boot,
                    integer(s, field, bdm, "volume_size", false), bool(s, field, bdm, "delete_on_termination"),
                    device(s, field, bdm)));
        }
        return out;
    }

    /** Nova's InvalidBDMBootSequence: the boot indexes in use must be 0, 1, 2, ... (the image counts as 0). */
    private static void bootSequence(List<BlockDeviceRequest> mappings, boolean imageGiven) {
        TreeSet<Integer> indexes = new TreeSet<>();
        boolean volumeRoot = false;
        for (BlockDeviceRequest b : mappings) {
            if (b.bootIndex() != null && b.bootIndex() >= 0) {
                if (!indexes.add(b.bootIndex())) {
                    throw bootSequenceInvalid();
                }
                volumeRoot |= b.root();
            }
        }
        if (imageGiven && !volumeRoot) {
            indexes.add(0);
        }
        int expected = 0;
        for (int i : indexes) {
            if (i != expected++) {
                throw bootSequenceInvalid();
            }
        }
        if (indexes.isEmpty()) {
            throw bootSequenceInvalid();
        }
    }

    private static RuntimeException bootSequenceInvalid() {
        return ComputeError.BAD_REQUEST.exception("Boot sequence for the instance and image/block device mapping"
                + " combination is not valid.");
    }

    private static String text(RequestBody s, String field, JsonNode bdm, String key) {
        JsonNode v = bdm.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw s.invalid(field + "/" + key, v, v + " is not of type 'string'");
        }
        return v.asString();
    }

    /** An integer, or a string of one (Nova's schemas accept both); {@code nullable} lets null through. */
    private static Integer integer(RequestBody s, String field, JsonNode bdm, String key, boolean nullable) {
        JsonNode v = bdm.get(key);
        if (v == null || v.isNull() && nullable) {
            return null;
        }
        try {
            if (v.isIntegralNumber()) {
                return v.asInt();
            }
            if (v.isString() && v.asString().trim().matches("-?\\d{1,9}")) {
                return Integer.valueOf(v.asString().trim());
            }
        } catch (NumberFormatException ignored) {
            // falls through to the 400
        }
        throw s.invalid(field + "/" + key, v, v + " is not of type 'integer', 'string'");
    }

    /** Nova's boolean: true/false or their strings ("True", "1", "yes", ...). */
    private static boolean bool(RequestBody s, String field, JsonNode bdm, String key) {
        JsonNode v = bdm.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String t = v.asString("").toLowerCase(java.util.Locale.ROOT);
        if (Set.of("true", "1", "yes", "on", "y", "t").contains(t)) {
            return true;
        }
        if (Set.of("false", "0", "no", "off", "n", "f").contains(t)) {
            return false;
        }
        throw s.invalid(field + "/" + key, v, v + " is not of type 'boolean'");
    }

    private static String device(RequestBody s, String field, JsonNode bdm) {
        String d = text(s, field, bdm, "device_name");
        if (d != null && !d.isEmpty() && !DEVICE.matcher(d).matches()) {
            throw invalid("Device name " + d + " is not valid.");
        }
        return d == null || d.isEmpty() ? null : d;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().map(v -> "'" + v + "'").toList();
    }
}
