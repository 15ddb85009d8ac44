package io.nubo.network.securitygroup;

import io.nubo.network.common.RequestBody;
import io.nubo.network.error.NetworkError;
import io.nubo.network.ipam.Cidr;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A security group rule create body, read after {@code security-group-rule-create.json} checked names, types and
 * enums; here what depends on other attributes (Neutron's {@code securitygroups_db.py}): port ranges per protocol,
 * the prefix per ethertype.
 */
record RuleRequest(String projectId, String securityGroupId, String direction, String ethertype, String protocol,
                   Integer portRangeMin, Integer portRangeMax, String remoteIpPrefix, String remoteGroupId,
                   String description) {

    /** Neutron's protocol names and their numbers. */
    static final Map<String, Integer> PROTOCOLS = Map.ofEntries(Map.entry("ah", 51), Map.entry("dccp", 33),
            Map.entry("egp", 8), Map.entry("esp", 50), Map.entry("gre", 47), Map.entry("icmp", 1),
            Map.entry("icmpv6", 58), Map.entry("igmp", 2), Map.entry("ipip", 4), Map.entry("ipv6-encap", 41),
            Map.entry("ipv6-frag", 44), Map.entry("ipv6-icmp", 58), Map.entry("ipv6-nonxt", 59),
            Map.entry("ipv6-opts", 60), Map.entry("ipv6-route", 43), Map.entry("ospf", 89), Map.entry("pgm", 113),
            Map.entry("rsvp", 46), Map.entry("sctp", 132), Map.entry("tcp", 6), Map.entry("udp", 17),
            Map.entry("udplite", 136), Map.entry("vrrp", 112));
    private static final Set<Integer> PORT_PROTOCOLS = Set.of(6, 17, 33, 132, 136);

    static RuleRequest create(JsonNode body) {
        RequestBody b = RequestBody.of(body, "security_group_rule");
        String group = b.string("security_group_id");
        String direction = b.string("direction");
        String ethertype = b.string("ethertype");
        // the schema admits IPv4 and IPv6 in any case, as Neutron's convert_ethertype_to_case_insensitive
        ethertype = ethertype == null || ethertype.equalsIgnoreCase("ipv4") ? "IPv4" : "IPv6";
        String protocol = protocol(b.raw("protocol"));
        Integer min = b.integer("port_range_min");
        Integer max = b.integer("port_range_max");
        Integer number = protocol == null ? null : PROTOCOLS.getOrDefault(protocol, tryNumber(protocol));
        if (number != null && number == 1 && "IPv6".equals(ethertype) && "icmp".equals(protocol)) {
            number = 58;
        }
        for (Integer port : new Integer[] {min, max}) {
            if (port != null && (port < 0 || port > 65535)) {
                throw NetworkError.BAD_REQUEST.exception("Invalid value for port " + port);
            }
        }
        if (min != null || max != null) {
            if (number == null) {
                throw NetworkError.BAD_REQUEST.exception("Must also specify protocol if port range is given.");
            }
            if (PORT_PROTOCOLS.contains(number)) {
                // both ends, as Neutron: a range with one end missing is refused (the CLI's --dst-port 22 sends both)
                if (Integer.valueOf(0).equals(min) || Integer.valueOf(0).equals(max)) {
                    throw NetworkError.BAD_REQUEST.exception("Invalid value for port 0");
                }
                if (min == null || max == null || min > max) {
                    throw NetworkError.BAD_REQUEST.exception("For TCP/UDP protocols, port_range_min must be <="
                            + " port_range_max, and both within 1 to 65535.");
                }
            } else if (number == 1 || number == 58) {
                // Neutron's SecurityGroupInvalidIcmpValue and SecurityGroupMissingIcmpType (Tempest checks the words)
                if (min != null && (min < 0 || min > 255)) {
                    throw NetworkError.BAD_REQUEST.exception("Invalid value for ICMP type (port_range_min) " + min
                            + ". It must be 0 to 255.");
                }
                if (max != null && (max < 0 || max > 255)) {
                    throw NetworkError.BAD_REQUEST.exception("Invalid value for ICMP code (port_range_max) " + max
                            + ". It must be 0 to 255.");
                }
                if (max != null && min == null) {
                    throw NetworkError.BAD_REQUEST.exception("ICMP code (port-range-max) " + max + " is provided but"
                            + " ICMP type (port-range-min) is missing.");
                }
            } else {
                throw NetworkError.BAD_REQUEST.exception("Invalid protocol " + protocol + " for port range, only"
                        + " supported for TCP, UDP, UDPLITE, SCTP, DCCP and ICMP protocols");
            }
        }
        String prefix = b.string("remote_ip_prefix");
        String remoteGroup = b.string("remote_group_id");
        if (prefix != null && remoteGroup != null) {
            throw NetworkError.BAD_REQUEST.exception("Only remote_ip_prefix or remote_group_id may be provided.");
        }
        if (prefix != null) {
            Cidr c;
            try {
                c = Cidr.parse(prefix);
            } catch (IllegalArgumentException e) {
                throw RequestBody.invalid("remote_ip_prefix", "'" + prefix + "' is not a valid IP subnet");
            }
            if ((c.version() == 4) != "IPv4".equals(ethertype)) {
                throw NetworkError.BAD_REQUEST.exception("Conflicting value ethertype " + ethertype + " for CIDR "
                        + prefix);
            }
            // kept as given, host bits and all (Neutron's convert_ip_prefix_to_cidr: str(netaddr.IPNetwork(p))),
            // with the prefix length added when missing; normalizedCidr() is the network itself
            int slash = prefix.indexOf('/');
            prefix = Cidr.canonical(slash < 0 ? prefix : prefix.substring(0, slash)) + "/" + c.prefix();
        }
        return new RuleRequest(b.project(), group, direction, ethertype, protocol, min, max, prefix, remoteGroup,
                b.string("description"));
    }

    /** The network of {@link #remoteIpPrefix} ({@code 10.2.3.0/24} for {@code 10.2.3.124/24}), or null. */
    String normalizedCidr() {
        return normalized(remoteIpPrefix);
    }

    static String normalized(String prefix) {
        return prefix == null ? null : Cidr.parse(prefix).toString();
    }

    /** A rule the service makes itself (the default group's). */
    static RuleRequest of(String direction, String ethertype, String remoteGroupId) {
        return new RuleRequest(null, null, direction, ethertype, null, null, null, null, remoteGroupId, "");
    }

    private static String protocol(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        String p = (v.isIntegralNumber() ? String.valueOf(v.asInt()) : v.asString()).toLowerCase(Locale.ROOT);
        if (p.equals("any") || p.isEmpty()) {
            return null;
        }
        if (PROTOCOLS.containsKey(p)) {
            return p;
        }
        Integer n = tryNumber(p);
        if (n == null || n < 0 || n > 255) {
            throw NetworkError.BAD_REQUEST.exception("Security group rule protocol " + p + " not supported. Only"
                    + " protocol values " + new java.util.TreeSet<>(PROTOCOLS.keySet())
                    + " and integer representations [0 to 255] are supported.");
        }
        return String.valueOf(n);
    }

    private static Integer tryNumber(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
