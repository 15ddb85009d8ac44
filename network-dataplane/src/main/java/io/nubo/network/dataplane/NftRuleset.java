package io.nubo.network.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Renders a port's security groups as nftables text: a pure function, so every case has a golden test. One table per
 * port in the {@code bridge} family (it sees each frame with the tap it came from and the tap it goes to, ARP
 * included), written so that {@code nft -f} replaces the whole table in one transaction.
 *
 * <p>This kernel has no connection tracking in the bridge family, so the state comes from the {@code inet} family:
 * the bridge hands every bridged IPv4/IPv6 packet to the IP hooks first (br_netfilter, {@code nf_call_iptables} on
 * our bridges, as Neutron's iptables hybrid driver needs too), where the {@link #baseTable} chain copies
 * "established or related" and "invalid" into two bits of the packet mark; the port tables read those bits.
 * The layout follows Neutron's iptables firewall: DHCP client allowed, spoofed MAC/IP/ARP dropped, the guest never a
 * DHCP server or IPv6 router, replies accepted, invalid dropped, then the rules, then drop.
 */
public final class NftRuleset {

    /** Mark bit: the packet belongs to a connection already accepted (ct state established,related). */
    public static final long MARK_ESTABLISHED = 0x10000000L;
    /** Mark bit: conntrack found the packet invalid. */
    public static final long MARK_INVALID = 0x20000000L;

    private static final Map<String, Integer> PROTOCOLS = Map.ofEntries(Map.entry("icmp", 1),
            Map.entry("igmp", 2), Map.entry("ipip", 4), Map.entry("tcp", 6), Map.entry("egp", 8),
            Map.entry("udp", 17), Map.entry("dccp", 33), Map.entry("ipv6-encap", 41), Map.entry("ipv6-route", 43),
            Map.entry("ipv6-frag", 44), Map.entry("rsvp", 46), Map.entry("gre", 47), Map.entry("esp", 50),
            Map.entry("ah", 51), Map.entry("icmpv6", 58), Map.entry("ipv6-icmp", 58), Map.entry("ipv6-nonxt", 59),
            Map.entry("ipv6-opts", 60), Map.entry("ospf", 89), Map.entry("encap", 98), Map.entry("vrrp", 112),
            Map.entry("pgm", 113), Map.entry("sctp", 132), Map.entry("udplite", 136));

    private NftRuleset() {
    }

    /** The table of a port: {@code <prefix>_<port id without dashes>}. */
    public static String tableName(String prefix, String portId) {
        return prefix + "_" + portId.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** The one inet table that turns conntrack state into mark bits for the port tables (the same for all ports). */
    public static String baseTable(String prefix) {
        return "table inet " + prefix + "_ct {\n"
                + "\tchain prerouting {\n"
                + "\t\ttype filter hook prerouting priority -150; policy accept;\n"
                + "\t\tct state established,related meta mark set meta mark | " + hex(MARK_ESTABLISHED) + "\n"
                + "\t\tct state invalid meta mark set meta mark | " + hex(MARK_INVALID) + "\n"
                + "\t}\n"
                + "}\n";
    }

    /** The whole port table, preceded by what makes {@code nft -f} replace an existing one atomically. */
    public static String replace(String prefix, PortFilter port) {
        String table = tableName(prefix, port.portId());
        return "add table bridge " + table + "\ndelete table bridge " + table + "\n" + render(prefix, port);
    }

    /** The port's table (its sets and chains). */
    public static String render(String prefix, PortFilter port) {
        StringBuilder out = new StringBuilder();
        out.append("table bridge ").append(tableName(prefix, port.portId())).append(" {\n");
        String mac = port.mac().toLowerCase(Locale.ROOT);
        Map<String, List<Prefix>> byMac = new TreeMap<>();
        byMac.computeIfAbsent(mac, k -> new ArrayList<>()).add(Prefix.parse(linkLocal(mac)));
        port.fixedIps().forEach(ip -> byMac.get(mac).add(Prefix.parse(ip)));
        for (PortFilter.Pair pair : port.pairs()) {
            String m = (pair.mac() == null ? mac : pair.mac()).toLowerCase(Locale.ROOT);
            byMac.computeIfAbsent(m, k -> new ArrayList<>()).add(Prefix.parse(pair.ipAddress()));
            byMac.get(m).add(Prefix.parse(linkLocal(m)));
        }
        set(out, "macs", "ether_addr", false, new ArrayList<>(byMac.keySet()));
        for (int v : new int[] {4, 6}) {
            List<String> elements = new ArrayList<>();
            byMac.forEach((m, prefixes) -> Prefix.minimal(prefixes).stream().filter(p -> p.version() == v)
                    .forEach(p -> elements.add(m + " . " + p)));
            set(out, "pairs_v" + v, "ether_addr . " + addrType(v), true, elements);
        }
        Map<String, String> groupSets = new LinkedHashMap<>();
        for (String group : new TreeSet<>(port.rules().stream().map(PortFilter.Rule::remoteGroupId)
                .filter(g -> g != null).toList())) {
            List<Prefix> members = port.remoteGroups().getOrDefault(group, List.of()).stream().map(Prefix::parse)
                    .toList();
            for (int v : new int[] {4, 6}) {
                String name = groupSet(group, v);
                groupSets.put(group + "/" + v, name);
                set(out, name, addrType(v), true, Prefix.minimal(members).stream().filter(p -> p.version() == v)
                        .map(Prefix::toString).toList());
            }
        }
        String dev = quote(port.device());
        out.append("\tchain forward {\n")
                .append("\t\ttype filter hook forward priority -10; policy accept;\n")
                .append("\t\tiifname ").append(dev).append(" jump egress\n")
                .append("\t\toifname ").append(dev).append(" jump ingress\n")
                .append("\t}\n");
        out.append("\tchain egress {\n");
        line(out, "ether saddr != @macs drop");
        line(out, "ether type arp arp saddr ether != @macs drop");
        line(out, "ether type arp arp saddr ip 0.0.0.0 accept");
        line(out, "ether type arp ether saddr . arp saddr ip @pairs_v4 accept");
        line(out, "ether type arp drop");
        line(out, "ether type ip udp sport 68 udp dport 67 accept");
        line(out, "ether type ip ether saddr . ip saddr != @pairs_v4 drop");
        line(out, "ether type ip6 ip6 saddr :: icmpv6 type { nd-neighbor-solicit, mld2-listener-report } accept");
        line(out, "ether type ip6 ether saddr . ip6 saddr != @pairs_v6 drop");
        line(out, "ether type != { ip, ip6 } drop");
        line(out, "udp sport 67 udp dport 68 drop");
        line(out, "udp sport 547 udp dport 546 drop");
        line(out, "icmpv6 type nd-router-advert drop");
        line(out, "ether type ip6 icmpv6 type { nd-router-solicit, nd-neighbor-solicit, nd-neighbor-advert,"
                + " mld-listener-report, mld2-listener-report } accept");
        line(out, "ether type ip6 udp sport 546 udp dport 547 accept");
        stateful(out);
        rules(out, port, "egress", groupSets);
        line(out, "drop");
        out.append("\t}\n");
        out.append("\tchain ingress {\n");
        line(out, "ether type arp accept");
        line(out, "ether type ip udp sport 67 udp dport 68 accept");
        line(out, "ether type ip6 icmpv6 type { mld-listener-query, mld-listener-report, mld-listener-done,"
                + " nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, mld2-listener-report } accept");
        line(out, "ether type ip6 udp sport 547 udp dport 546 accept");
        line(out, "ether type != { ip, ip6 } drop");
        stateful(out);
        rules(out, port, "ingress", groupSets);
        line(out, "drop");
        out.append("\t}\n");
        out.append("}\n");
        return out.toString();
    }

    private static void stateful(StringBuilder out) {
        line(out, "meta mark & " + hex(MARK_ESTABLISHED) + " == " + hex(MARK_ESTABLISHED) + " accept");
        line(out, "meta mark & " + hex(MARK_INVALID) + " == " + hex(MARK_INVALID) + " drop");
    }

    private static void rules(StringBuilder out, PortFilter port, String direction, Map<String, String> groupSets) {
        port.rules().stream().filter(r -> direction.equalsIgnoreCase(r.direction()))
                .map(r -> rule(r, groupSets)).filter(s -> s != null).distinct().forEach(s -> line(out, s));
    }

    /** One rule as a match ending in accept, or null when it can match nothing here (e.g. an unknown protocol). */
    static String rule(PortFilter.Rule r, Map<String, String> groupSets) {
        int v = "IPv6".equalsIgnoreCase(r.ethertype()) ? 6 : 4;
        String fam = v == 6 ? "ip6" : "ip";
        List<String> m = new ArrayList<>();
        m.add("ether type " + fam);
        String far = "ingress".equalsIgnoreCase(r.direction()) ? "saddr" : "daddr";
        if (r.remoteIpPrefix() != null && !r.remoteIpPrefix().isBlank()) {
            Prefix p = Prefix.parse(r.remoteIpPrefix());
            if (p.version() != v) {
                return null;
            }
            if (!p.isAll()) {
                m.add(fam + " " + far + " " + p);
            }
        } else if (r.remoteGroupId() != null) {
            m.add(fam + " " + far + " @" + groupSets.get(r.remoteGroupId() + "/" + v));
        }
        Integer proto = protocolNumber(r.protocol(), v);
        if (r.protocol() != null && !r.protocol().isBlank() && !"any".equalsIgnoreCase(r.protocol())
                && proto == null) {
            return null;
        }
        if (proto != null) {
            m.add("meta l4proto " + proto);
            if (proto == 6 || proto == 17 || proto == 33 || proto == 132 || proto == 136) {
                if (r.portRangeMin() != null) {
                    int max = r.portRangeMax() == null ? r.portRangeMin() : r.portRangeMax();
                    m.add("th dport " + (max == r.portRangeMin() ? String.valueOf(max) : r.portRangeMin() + "-" + max));
                }
            } else if (proto == 1 || proto == 58) {
                String icmp = proto == 1 ? "icmp" : "icmpv6";
                if (r.portRangeMin() != null) {
                    m.add(icmp + " type " + r.portRangeMin());
                    if (r.portRangeMax() != null) {
                        m.add(icmp + " code " + r.portRangeMax());
                    }
                }
            }
        }
        m.add("accept");
        return String.join(" ", m);
    }

    /** Neutron's protocol name or number; for IPv6 rules "icmp" means ICMPv6, as Neutron reads it. */
    static Integer protocolNumber(String protocol, int version) {
        if (protocol == null || protocol.isBlank() || "any".equalsIgnoreCase(protocol)) {
            return null;
        }
        String p = protocol.toLowerCase(Locale.ROOT);
        if (version == 6 && (p.equals("icmp") || p.equals("1"))) {
            return 58;
        }
        if (p.matches("[0-9]{1,3}")) {
            int n = Integer.parseInt(p);
            return n <= 255 ? n : null;
        }
        return PROTOCOLS.get(p);
    }

    /** The IPv6 link-local address a MAC gives (EUI-64), which a guest always uses for neighbour discovery. */
    static String linkLocal(String mac) {
        String[] b = mac.split(":");
        int first = Integer.parseInt(b[0], 16) ^ 0x02;
        return Prefix.parse(String.format("fe80::%x:%s:%s:%s", (first << 8) | Integer.parseInt(b[1], 16),
                b[2] + "ff", "fe" + b[3], b[4] + b[5])).toString();
    }

    private static String groupSet(String group, int v) {
        return "rg_" + group.replace("-", "").toLowerCase(Locale.ROOT) + "_v" + v;
    }

    private static void set(StringBuilder out, String name, String type, boolean interval, List<String> elements) {
        out.append("\tset ").append(name).append(" {\n\t\ttype ").append(type).append("\n");
        if (interval) {
            out.append("\t\tflags interval\n");
        }
        if (!elements.isEmpty()) {
            out.append("\t\telements = { ").append(String.join(", ", elements)).append(" }\n");
        }
        out.append("\t}\n");
    }

    private static String addrType(int v) {
        return v == 4 ? "ipv4_addr" : "ipv6_addr";
    }

    private static void line(StringBuilder out, String rule) {
        out.append("\t\t").append(rule).append("\n");
    }

    private static String quote(String device) {
        if (!device.matches("[A-Za-z0-9_.-]{1,15}")) {
            throw new IllegalArgumentException("not a device name: " + device);
        }
        return "\"" + device + "\"";
    }

    private static String hex(long v) {
        return String.format("0x%08x", v);
    }

    static String joined(List<String> items) {
        return items.stream().collect(Collectors.joining(", "));
    }
}
