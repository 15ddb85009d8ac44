package io.nubo.compute.server;

import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.RequestBody;
import io.nubo.shared.microversion.ApiVersion;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The server API's request checks, in one place (Nova's schemas/servers.py at 2.1). */
final class ServerRequests {

    static final Pattern NAME = Pattern.compile("^(?! )[^\\p{Cntrl}]*(?<! )$", Pattern.DOTALL);
    static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)$");
    static final Pattern META_KEY = Pattern.compile("^[^/]+$");
    private static final Set<String> CREATE_FIELDS = Set.of("name", "imageRef", "flavorRef", "adminPass", "metadata",
            "networks", "key_name", "user_data", "availability_zone", "config_drive", "min_count", "max_count",
            "return_reservation_id", "block_device_mapping", "block_device_mapping_v2", "security_groups",
            "accessIPv4", "accessIPv6", "personality", "OS-DCF:diskConfig", "description");

    private ServerRequests() {
    }

    /** The last path segment of a reference that may be an id or a URL (Nova accepts both). */
    static String ref(String value) {
        String v = value.replaceAll("/+$", "");
        return v.substring(v.lastIndexOf('/') + 1);
    }

    record Create(ServerCreation.CreateRequest request, boolean returnReservationId, String adminPass) {
    }

    static Create create(JsonNode body, ApiVersion version) {
        RequestBody s = RequestBody.wrapped(body, "server", CREATE_FIELDS);
        String name = s.string("name", true, 1, 255, NAME);
        String imageRef = s.string("imageRef", false, 0, 2048, null);
        imageRef = imageRef == null ? "" : imageRef;
        List<BlockDeviceRequest> blockDevices = BlockDeviceMappings.parse(s, !imageRef.isBlank());
        boolean volumeBacked = blockDevices.stream().anyMatch(b -> b.root() && b.toVolume());
        if (imageRef.isBlank() && !volumeBacked) {
            throw s.invalid("imageRef", imageRef, "Invalid imageRef provided.");
        }
        JsonNode flavorNode = s.raw().get("flavorRef");
        if (flavorNode == null || flavorNode.isNull() || !(flavorNode.isString() || flavorNode.isIntegralNumber())
                || flavorNode.asString().isBlank()) {
            throw s.invalid("flavorRef", flavorNode, "'flavorRef' is a required property (a string or integer)");
        }
        String userData = s.string("user_data", false, 0, 65535, null);
        if (userData != null) {
            try {
                Base64.getDecoder().decode(userData.replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw ComputeError.BAD_REQUEST.exception("User data needs to be valid base 64.");
            }
        }
        Integer min = s.integer("min_count", false, 1, Integer.MAX_VALUE);
        Integer max = s.integer("max_count", false, 1, Integer.MAX_VALUE);
        int minCount = min == null ? 1 : min;
        int maxCount = max == null ? minCount : max;
        if (minCount > maxCount) {
            throw ComputeError.BAD_REQUEST.exception("min_count must be <= max_count");
        }
        String ipv4 = s.string("accessIPv4", false, 0, 64, null);
        if (ipv4 != null && !ipv4.isEmpty() && !IPV4.matcher(ipv4).matches()) {
            throw s.invalid("accessIPv4", ipv4, ipv4 + " is not a 'ipv4'");
        }
        String ipv6 = s.string("accessIPv6", false, 0, 64, null);
        if (ipv6 != null && !ipv6.isEmpty() && !ipv6.contains(":")) {
            throw s.invalid("accessIPv6", ipv6, ipv6 + " is not a 'ipv6'");
        }
        ipv6 = io.nubo.compute.wire.Ipv6Text.canonical(ipv6);
        Boolean configDrive = s.bool("config_drive");
        Boolean reservation = s.bool("return_reservation_id");
        String adminPass = s.string("adminPass", false, 0, 255, null);
        Map<String, String> metadata = s.stringMap("metadata", META_KEY);
        ServerCreation.CreateRequest r = new ServerCreation.CreateRequest(name,
                volumeBacked ? null : ref(imageRef),
                ref(flavorNode.asString()), s.string("key_name", false, 1, 255, null), userData, metadata,
                s.string("availability_zone", false, 1, 255, null), Boolean.TRUE.equals(configDrive), minCount,
                maxCount, networks(s, version), ipv4, ipv6, group(body), blockDevices, securityGroups(s),
                description(s, version) == null ? null : description(s, version).value(),
                s.string("OS-DCF:diskConfig", false, 4, 6, null));
        return new Create(r, Boolean.TRUE.equals(reservation), adminPass);
    }

    /** A {@code description} given in a request (its value may be null: "clear it"). */
    record Description(String value) {
    }

    /** The request's {@code description} from 2.19 on (the schema checked it), or null when not given. */
    static Description description(RequestBody s, ApiVersion version) {
        if (!version.atLeast("2.19") || !s.raw().has("description")) {
            return null;
        }
        JsonNode d = s.raw().get("description");
        return new Description(d.isNull() ? null : d.asString());
    }

    /** The names of {@code security_groups} ({@code [{"name": ...}]}), each once. */
    static List<String> securityGroups(RequestBody s) {
        JsonNode list = s.raw().get("security_groups");
        List<String> names = new ArrayList<>();
        if (list == null || list.isNull()) {
            return names;
        }
        for (JsonNode g : list) {
            String name = g.path("name").asString("").strip();
            if (name.isEmpty()) {
                throw ComputeError.BAD_REQUEST.exception("Security group name cannot be empty");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The server group of {@code os:scheduler_hints} (or its older name), or null. */
    private static String group(JsonNode body) {
        for (String hints : List.of("os:scheduler_hints", "OS-SCH-HNT:scheduler_hints")) {
            JsonNode g = body.path(hints).path("group");
            if (g.isString()) {
                return g.asString();
            }
        }
        return null;
    }

    private static NetworkPorts.Request networks(RequestBody s, ApiVersion version) {
        JsonNode n = s.raw().get("networks");
        if (n == null || n.isNull()) {
            return new NetworkPorts.Auto();
        }
        if (n.isString() && version.atLeast("2.37")) {
            return switch (n.asString()) {
                case "auto" -> new NetworkPorts.Auto();
                case "none" -> new NetworkPorts.None();
                default -> throw s.invalid("networks", n, "must be 'auto', 'none' or a list of networks");
            };
        }
        if (!n.isArray()) {
            throw s.invalid("networks", n, n + " is not of type 'array'");
        }
        if (n.isEmpty()) {
            return new NetworkPorts.Auto();
        }
        List<NetworkPorts.Requested> items = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isObject()) {
                throw s.invalid("networks", item, item + " is not of type 'object'");
            }
            items.add(new NetworkPorts.Requested(item.path("uuid").asString(null), item.path("port").asString(null),
                    item.path("fixed_ip").asString(null)));
        }
        return new NetworkPorts.Explicit(items);
    }

    record Update(String name, String ipv4, String ipv6, Description description, String diskConfig) {
    }

    static Update update(JsonNode body, ApiVersion version) {
        RequestBody s = RequestBody.wrapped(body, "server", Set.of("name", "accessIPv4", "accessIPv6",
                "OS-DCF:diskConfig", "description"));
        String ipv4 = s.string("accessIPv4", false, 0, 64, null);
        if (ipv4 != null && !ipv4.isEmpty() && !IPV4.matcher(ipv4).matches()) {
            throw s.invalid("accessIPv4", ipv4, ipv4 + " is not a 'ipv4'");
        }
        return new Update(s.string("name", false, 1, 255, NAME), ipv4,
                io.nubo.compute.wire.Ipv6Text.canonical(s.string("accessIPv6", false, 0, 64, null)),
                description(s, version), s.string("OS-DCF:diskConfig", false, 4, 6, null));
    }
}
