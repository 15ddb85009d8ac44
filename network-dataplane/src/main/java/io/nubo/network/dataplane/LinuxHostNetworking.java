package io.nubo.network.dataplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@link HostNetworking} with Linux bridges, network namespaces, veth pairs and dnsmasq, as Neutron's Linux bridge
 * agent and DHCP agent do it. dnsmasq runs inside the namespace with {@code --port=0} (no DNS), bound to the
 * namespace's veth only, with static leases from a hosts file; its pid file is how it is found and stopped (only
 * the dnsmasq this class started is ever signalled).
 */
public final class LinuxHostNetworking implements HostNetworking {

    private final Path stateDir;

    /**
     * @param stateDir where each network's dnsmasq files (hosts, pid, leases) are kept; dnsmasq runs as nobody, so
     *                 it and its parents must be searchable by all (e.g. /var/lib/nubo/dhcp)
     */
    public LinuxHostNetworking(Path stateDir) {
        this.stateDir = stateDir;
    }

    @Override
    public void ensureNetwork(String networkId, int mtu) {
        String bridge = HostNetworking.bridgeName(networkId);
        if (!Commands.ok("ip", "link", "show", "dev", bridge)) {
            Commands.check("ip", "link", "add", "name", bridge, "type", "bridge");
        }
        Commands.check("ip", "link", "set", "dev", bridge, "mtu", String.valueOf(mtu), "up");
        // bridged IP packets pass the IP hooks (conntrack), which the port firewalls' state comes from; set on this
        // bridge only, whatever the host-wide net.bridge.bridge-nf-call-* say
        Commands.check("ip", "link", "set", "dev", bridge, "type", "bridge", "nf_call_iptables", "1",
                "nf_call_ip6tables", "1");
    }

    @Override
    public void ensureDhcp(String networkId, DhcpSubnet subnet, List<DhcpHost> hosts) {
        ensureNetwork(networkId, subnet.mtu());
        String ns = HostNetworking.dhcpNamespace(networkId);
        String outside = "dhb" + shortId(networkId);
        String inside = "dhn" + shortId(networkId);
        if (!Commands.ok("ip", "netns", "pids", ns)) {
            Commands.check("ip", "netns", "add", ns);
        }
        if (!Commands.ok("ip", "link", "show", "dev", outside)) {
            Commands.check("ip", "link", "add", outside, "mtu", String.valueOf(subnet.mtu()), "type", "veth",
                    "peer", "name", inside, "netns", ns);
        }
        Commands.check("ip", "link", "set", "dev", outside, "master", HostNetworking.bridgeName(networkId), "up");
        int prefix = Integer.parseInt(subnet.cidr().substring(subnet.cidr().indexOf('/') + 1));
        Commands.ok("ip", "netns", "exec", ns, "ip", "addr", "replace", subnet.serverAddress() + "/" + prefix,
                "dev", inside);
        Commands.check("ip", "netns", "exec", ns, "ip", "link", "set", "dev", inside, "up");
        Commands.check("ip", "netns", "exec", ns, "ip", "link", "set", "dev", "lo", "up");
        Path dir = stateDir.resolve(networkId);
        try {
            // dnsmasq reads the hosts file again on SIGHUP after dropping to user nobody: readable by all
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Path tmp = dir.resolve("hosts.tmp");
            Files.writeString(tmp, hosts.stream().map(h -> h.mac().toLowerCase(Locale.ROOT) + "," + h.ipAddress())
                    .collect(Collectors.joining("\n", "", hosts.isEmpty() ? "" : "\n")));
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, dir.resolve("hosts"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Long pid = dnsmasqPid(networkId);
        if (pid != null) {
            Commands.check("kill", "-HUP", String.valueOf(pid)); // re-reads --dhcp-hostsfile
            return;
        }
        String network = subnet.cidr().substring(0, subnet.cidr().indexOf('/'));
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "netns", "exec", ns, "dnsmasq",
                "--conf-file=/dev/null", "--no-hosts", "--no-resolv", "--port=0", "--bind-interfaces",
                "--interface=" + inside, "--except-interface=lo",
                "--dhcp-range=" + network + ",static," + netmask(prefix) + ",12h",
                "--dhcp-hostsfile=" + dir.resolve("hosts"), "--dhcp-leasefile=" + dir.resolve("leases"),
                "--pid-file=" + dir.resolve("pid"), "--dhcp-option=26," + subnet.mtu(), "--log-dhcp",
                "--log-facility=" + dir.resolve("dnsmasq.log")));
        cmd.add(subnet.gateway() == null ? "--dhcp-option=3" : "--dhcp-option=3," + subnet.gateway());
        if (!subnet.dns().isEmpty()) {
            cmd.add("--dhcp-option=6," + String.join(",", subnet.dns()));
        }
        Commands.Result r = Commands.run(cmd);
        if (r.exit() != 0) {
            throw new DataPlaneException("dnsmasq did not start for " + networkId + ": " + r.output());
        }
    }

    @Override
    public void plug(String networkId, String device) {
        Commands.check("ip", "link", "set", "dev", device, "master", HostNetworking.bridgeName(networkId), "up");
    }

    @Override
    public void unplug(String device) {
        if (Commands.ok("ip", "link", "show", "dev", device)) {
            Commands.check("ip", "link", "set", "dev", device, "nomaster");
        }
    }

    @Override
    public java.util.Map<String, String> bridgePorts() {
        // "7: tapab12cd34-5e@if6: <BROADCAST,...> mtu 1500 master brq0123456789a state UP ..." (one line per device)
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\d+: ([^:@\\s]+)[^\\n]* master (\\S+)",
                java.util.regex.Pattern.MULTILINE).matcher(Commands.check("ip", "-o", "link", "show"));
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Override
    public void teardown(String networkId) {
        Long pid = dnsmasqPid(networkId);
        if (pid != null) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy();
                p.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> {
                    p.destroyForcibly();
                    return p;
                }).join();
            });
        }
        Commands.ok("ip", "link", "del", "dev", "dhb" + shortId(networkId));
        Commands.ok("ip", "netns", "del", HostNetworking.dhcpNamespace(networkId));
        Commands.ok("ip", "link", "del", "dev", HostNetworking.bridgeName(networkId));
        Path dir = stateDir.resolve(networkId);
        for (String f : List.of("hosts", "hosts.tmp", "pid", "leases", "dnsmasq.log")) {
            try {
                Files.deleteIfExists(dir.resolve(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid of this network's dnsmasq, when it still runs and is the dnsmasq we started. */
    private Long dnsmasqPid(String networkId) {
        Path file = stateDir.resolve(networkId).resolve("pid");
        try {
            if (!Files.exists(file)) {
                return null;
            }
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("dnsmasq")).orElse(false))
                    .map(ProcessHandle::pid).orElse(null);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static String shortId(String networkId) {
        return networkId.substring(0, Math.min(11, networkId.length()));
    }

    private static String netmask(int prefix) {
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return ((mask >> 24) & 0xff) + "." + ((mask >> 16) & 0xff) + "." + ((mask >> 8) & 0xff) + "." + (mask & 0xff);
    }
}
