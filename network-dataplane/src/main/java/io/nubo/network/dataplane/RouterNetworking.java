package io.nubo.network.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Neutron's L3 agent on the network node, with a namespace per router ({@code qrouter-<id>}): each interface is a
 * veth pair whose outer end {@code tap<port[:11]>} sits on its network's bridge (as Neutron's Linux bridge agent
 * plugs router ports) and whose inner end {@code qr-<port[:11]>} (internal) or {@code qg-<port[:11]>} (gateway)
 * holds the port's MAC and address; forwarding is on inside the namespace only, the default route goes to the
 * external network's gateway, and the namespace's own nftables table {@code ip nubo_nat} does SNAT to the gateway
 * address and DNAT/SNAT for floating IPs (each floating IP is an extra address of the {@code qg-} device).
 * The host itself never routes: everything happens inside the namespace.
 */
public final class RouterNetworking {

    private final HostNetworking host;

    public RouterNetworking(HostNetworking host) {
        this.host = host;
    }

    public static String namespace(String routerId) {
        return "qrouter-" + routerId;
    }

    /** Makes the router as the spec says; called again, it brings the namespace in line (idempotent). */
    public void ensure(RouterSpec spec) {
        String ns = namespace(spec.routerId());
        if (!Commands.ok("ip", "netns", "pids", ns)) {
            Commands.check("ip", "netns", "add", ns);
        }
        in(ns, "ip", "link", "set", "dev", "lo", "up");
        in(ns, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        Set<String> wanted = new TreeSet<>();
        for (RouterSpec.Interface i : spec.interfaces()) {
            wanted.add(plug(ns, i, "qr-", List.of()));
        }
        if (spec.gateway() != null) {
            List<String> extra = spec.floatingIps().stream().map(f -> f.floatingIp() + "/32").toList();
            wanted.add(plug(ns, spec.gateway().port(), "qg-", extra));
            if (spec.gateway().nextHop() != null) {
                in(ns, "ip", "route", "replace", "default", "via", spec.gateway().nextHop());
            }
        }
        for (String dev : devices(ns)) { // interfaces removed since: their veth goes (both ends)
            if (!wanted.contains(dev)) {
                in(ns, "ip", "link", "del", "dev", dev);
            }
        }
        load(ns, natRules(spec));
    }

    /** Removes the router's namespace and veths: nothing is left. */
    public void teardown(String routerId) {
        String ns = namespace(routerId);
        if (!Commands.ok("ip", "netns", "pids", ns)) {
            return;
        }
        for (String dev : devices(ns)) {
            Commands.ok("ip", "netns", "exec", ns, "ip", "link", "del", "dev", dev);
        }
        Commands.ok("ip", "netns", "del", ns);
    }

    /** The nftables text of the router's NAT (a pure function, golden-tested). */
    static String natRules(RouterSpec spec) {
        StringBuilder out = new StringBuilder("add table ip nubo_nat\ndelete table ip nubo_nat\n");
        out.append("table ip nubo_nat {\n");
        out.append("\tchain prerouting {\n\t\ttype nat hook prerouting priority -100; policy accept;\n");
        for (RouterSpec.FloatingIp f : spec.floatingIps()) {
            out.append("\t\tip daddr ").append(addr(f.floatingIp())).append(" dnat to ").append(addr(f.fixedIp()))
                    .append("\n");
        }
        out.append("\t}\n");
        out.append("\tchain postrouting {\n\t\ttype nat hook postrouting priority 100; policy accept;\n");
        if (spec.gateway() != null) {
            String qg = "qg-" + shortId(spec.gateway().port().portId());
            for (RouterSpec.FloatingIp f : spec.floatingIps()) {
                out.append("\t\toifname \"").append(qg).append("\" ip saddr ").append(addr(f.fixedIp()))
                        .append(" snat to ").append(addr(f.floatingIp())).append("\n");
            }
            if (spec.enableSnat()) {
                String gw = Prefix.parse(spec.gateway().port().cidrAddress().substring(0,
                        spec.gateway().port().cidrAddress().indexOf('/'))).toString();
                for (RouterSpec.Interface i : spec.interfaces()) {
                    out.append("\t\toifname \"").append(qg).append("\" ip saddr ")
                            .append(Prefix.parse(i.cidrAddress())).append(" snat to ").append(gw).append("\n");
                }
            }
        }
        out.append("\t}\n}\n");
        return out.toString();
    }

    private String plug(String ns, RouterSpec.Interface i, String kind, List<String> extraAddresses) {
        String inside = kind + shortId(i.portId());
        String outside = "tap" + shortId(i.portId());
        host.ensureNetwork(i.networkId(), i.mtu());
        if (!Commands.ok("ip", "netns", "exec", ns, "ip", "link", "show", "dev", inside)) {
            Commands.ok("ip", "link", "del", "dev", outside); // a stale outer end of an earlier try
            Commands.check("ip", "link", "add", outside, "mtu", String.valueOf(i.mtu()), "type", "veth", "peer",
                    "name", inside, "netns", ns);
        }
        host.plug(i.networkId(), outside);
        in(ns, "ip", "link", "set", "dev", inside, "address", i.mac(), "mtu", String.valueOf(i.mtu()), "up");
        List<String> addresses = new ArrayList<>(List.of(i.cidrAddress()));
        addresses.addAll(extraAddresses);
        in(ns, "ip", "addr", "flush", "dev", inside);
        for (String a : addresses) {
            in(ns, "ip", "addr", "add", a, "dev", inside);
        }
        return inside;
    }

    private static List<String> devices(String ns) {
        List<String> out = new ArrayList<>();
        for (String line : Commands.check("ip", "netns", "exec", ns, "ip", "-o", "link", "show").split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1) {
                String name = f[1].split("@")[0];
                if (name.startsWith("qr-") || name.startsWith("qg-")) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    private static void load(String ns, String ruleset) {
        Commands.nftLoad(ruleset, "ip", "netns", "exec", ns);
    }

    private static void in(String ns, String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        Commands.check(cmd.toArray(String[]::new));
    }

    private static String addr(String ip) {
        return Prefix.parse(ip).toString();
    }

    private static String shortId(String id) {
        return id.substring(0, Math.min(11, id.length()));
    }
}
