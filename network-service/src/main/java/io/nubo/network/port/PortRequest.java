package io.nubo.network.port;

import io.nubo.network.common.RequestBody;
import io.nubo.network.error.NetworkError;
import io.nubo.network.ipam.Cidr;
import io.nubo.network.port.api.AddressPair;
import io.nubo.network.port.api.FixedIp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * A port create or update body, read after its schema ({@code port-create.json}, {@code port-update.json}) checked
 * names, types, lengths and enums; here the address and MAC checks. Null means "not given".
 */
record PortRequest(String projectId, String networkId, String name, String description, Boolean adminStateUp,
                   String macAddress, String deviceId, String deviceOwner, List<FixedIp> fixedIps, String hostId,
                   String vnicType, Map<String, Object> profile, List<AddressPair> pairs, List<String> securityGroups,
                   Boolean portSecurityEnabled, List<String> tags) {

    static PortRequest create(JsonNode body) {
        RequestBody b = RequestBody.of(body, "port");
        return read(b, b.string("network_id"));
    }

    static PortRequest update(JsonNode body) {
        return read(RequestBody.of(body, "port"), null);
    }

    private static PortRequest read(RequestBody b, String network) {
        String mac = b.string("mac_address");
        if (mac != null) {
            mac = mac(mac, "mac_address");
        }
        String vnic = b.string("binding:vnic_type");
        Map<String, Object> profile = null;
        if (b.has("binding:profile")) {
            JsonNode p = b.raw("binding:profile");
            profile = p.isNull() ? Map.of() : io.nubo.network.common.Json.MAPPER.convertValue(p,
                    new TypeReference<Map<String, Object>>() { });
        }
        List<String> groups = b.strings("security_groups");
        return new PortRequest(b.project(), network, b.string("name"), b.string("description"),
                b.bool("admin_state_up"), mac, b.string("device_id"), b.string("device_owner"),
                fixedIps(b), b.string("binding:host_id"), vnic, profile, pairs(b),
                groups == null ? null : List.copyOf(new java.util.LinkedHashSet<>(groups)),
                b.bool("port_security_enabled"), b.strings("tags"));
    }

    private static List<FixedIp> fixedIps(RequestBody b) {
        List<JsonNode> raw = b.objects("fixed_ips");
        if (raw == null) {
            return null;
        }
        List<FixedIp> out = new ArrayList<>();
        for (JsonNode f : raw) {
            String subnet = f.path("subnet_id").asString(null);
            String ip = f.path("ip_address").asString(null);
            if (ip != null) {
                try {
                    ip = Cidr.canonical(ip);
                    if (ip.contains("/")) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    throw RequestBody.invalid("fixed_ips", "'" + f.get("ip_address").asString()
                            + "' is not a valid IP address");
                }
            }
            out.add(new FixedIp(subnet, ip));
        }
        return out;
    }

    private static List<AddressPair> pairs(RequestBody b) {
        List<JsonNode> raw = b.objects("allowed_address_pairs");
        if (raw == null) {
            return null;
        }
        List<AddressPair> out = new ArrayList<>();
        for (JsonNode p : raw) {
            String ip = p.get("ip_address").asString();
            try {
                Cidr c = Cidr.parse(ip);
                ip = ip.contains("/") ? c.toString() : Cidr.canonical(ip);
            } catch (IllegalArgumentException e) {
                throw RequestBody.invalid("allowed_address_pairs", "'" + ip + "' is not a valid IP address");
            }
            String mac = p.has("mac_address") ? mac(p.get("mac_address").asString(), "allowed_address_pairs")
                    : null;
            AddressPair pair = new AddressPair(ip, mac);
            if (out.contains(pair)) {
                throw NetworkError.BAD_REQUEST.exception("Request contains duplicate address pair: mac_address "
                        + mac + " ip_address " + ip + ".");
            }
            out.add(pair);
        }
        return out;
    }

    static String mac(String text, String attribute) {
        String m = text.toLowerCase(Locale.ROOT).replace('-', ':');
        if (!m.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}") || m.equals("00:00:00:00:00:00")
                || (Integer.parseInt(m.substring(0, 2), 16) & 1) == 1) {
            throw RequestBody.invalid(attribute, "'" + text + "' is not a valid MAC address");
        }
        return m;
    }
}
