package io.nubo.computeagent.disk;

import io.nubo.shared.events.compute.NicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The config drive: an ISO 9660 image labelled {@code config-2} holding what Nova's metadata service would answer
 * ({@code openstack/latest/meta_data.json}, {@code user_data}, {@code network_data.json}, {@code vendor_data.json},
 * {@code vendor_data2.json}) and the EC2 tree's {@code meta-data.json} and {@code user-data}, made with genisoimage
 * (or xorriso's mkisofs) with Nova's options.
 */
public final class ConfigDrive {

    /** What the guest learns about itself. {@code userData} is base64 as the API received it, or null. */
    public record Content(String uuid, String name, String hostname, String availabilityZone, int launchIndex,
                          String projectId, Map<String, String> metadata, String keyName, String keyData,
                          String userData, List<NicSpec> nics) {
    }

    private final JsonMapper json = new JsonMapper();

    public void build(Content c, Path iso) {
        Path tree;
        try {
            tree = Files.createTempDirectory(iso.getParent(), "config-drive");
        } catch (IOException e) {
            throw new DiskException("cannot create the config drive: " + e.getMessage(), e);
        }
        try {
            write(tree.resolve("openstack/latest/meta_data.json"), json.writeValueAsBytes(metaData(c)));
            write(tree.resolve("openstack/latest/network_data.json"), json.writeValueAsBytes(networkData(c.nics())));
            write(tree.resolve("openstack/latest/vendor_data.json"), "{}".getBytes());
            write(tree.resolve("openstack/latest/vendor_data2.json"), "{}".getBytes());
            write(tree.resolve("ec2/latest/meta-data.json"), json.writeValueAsBytes(ec2MetaData(c)));
            if (c.userData() != null && !c.userData().isEmpty()) {
                byte[] user;
                try {
                    user = Base64.getMimeDecoder().decode(c.userData());
                } catch (IllegalArgumentException e) {
                    throw new DiskException("user_data is not valid base64", e);
                }
                write(tree.resolve("openstack/latest/user_data"), user);
                write(tree.resolve("ec2/latest/user-data"), user);
            }
            String tool = Tools.find("genisoimage", "mkisofs");
            List<String> cmd = new ArrayList<>();
            if (tool != null) {
                cmd.add(tool);
            } else if (Tools.find("xorriso") != null) {
                cmd.addAll(List.of(Tools.find("xorriso"), "-as", "mkisofs"));
            } else {
                throw new DiskException("cannot create the config drive: neither genisoimage nor xorriso is installed");
            }
            cmd.addAll(List.of("-o", iso.toString(), "-ldots", "-allow-lowercase", "-allow-multidot", "-l",
                    "-publisher", "Nubo", "-quiet", "-J", "-r", "-V", "config-2", tree.toString()));
            Tools.run("create the config drive", cmd, 120);
        } finally {
            removeTree(tree);
        }
    }

    private static Map<String, Object> metaData(Content c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", c.uuid());
        m.put("name", c.name());
        m.put("hostname", c.hostname());
        m.put("launch_index", c.launchIndex());
        m.put("availability_zone", c.availabilityZone());
        m.put("project_id", c.projectId());
        m.put("meta", c.metadata() == null ? Map.of() : c.metadata());
        if (c.keyData() != null) {
            String name = c.keyName() == null ? "key" : c.keyName();
            m.put("public_keys", Map.of(name, c.keyData()));
            m.put("keys", List.of(Map.of("name", name, "type", "ssh", "data", c.keyData())));
        }
        m.put("devices", List.of());
        return m;
    }

    /** OpenStack's network_data.json for the ports: one link per NIC, one network per fixed IP, the DNS services. */
    static Map<String, Object> networkData(List<NicSpec> nics) {
        List<Object> links = new ArrayList<>();
        List<Object> networks = new ArrayList<>();
        List<Object> services = new ArrayList<>();
        int n = 0;
        for (NicSpec nic : nics == null ? List.<NicSpec>of() : nics) {
            String link = "tap" + (nic.portId().length() > 11 ? nic.portId().substring(0, 11) : nic.portId());
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("id", link);
            l.put("vif_id", nic.portId());
            l.put("type", "bridge");
            l.put("ethernet_mac_address", nic.macAddress());
            l.put("mtu", nic.mtu() > 0 ? nic.mtu() : null);
            links.add(l);
            for (NicSpec.FixedIp ip : nic.fixedIps() == null ? List.<NicSpec.FixedIp>of() : nic.fixedIps()) {
                boolean v6 = ip.ipAddress() != null && ip.ipAddress().contains(":");
                Map<String, Object> net = new LinkedHashMap<>();
                net.put("id", "network" + n++);
                List<Object> dns = new ArrayList<>();
                for (String d : ip.dnsNameservers() == null ? List.<String>of() : ip.dnsNameservers()) {
                    dns.add(Map.of("type", "dns", "address", d));
                }
                services.addAll(dns);
                if (!v6 && ip.enableDhcp()) {
                    // as Nova's netutils for a subnet with a DHCP server: the guest asks for its address
                    net.put("type", "ipv4_dhcp");
                    net.put("link", link);
                    net.put("network_id", nic.networkId());
                    networks.add(net);
                    continue;
                }
                // IPv6 with an address mode: ipv6_slaac, ipv6_dhcpv6-stateful, ipv6_dhcpv6-stateless (Nova's names)
                net.put("type", v6 ? ip.ipv6AddressMode() == null ? "ipv6" : "ipv6_" + ip.ipv6AddressMode() : "ipv4");
                net.put("link", link);
                net.put("ip_address", ip.ipAddress());
                net.put("netmask", ip.cidr() == null ? null : netmask(ip.cidr(), v6));
                net.put("network_id", nic.networkId());
                List<Object> routes = new ArrayList<>();
                if (ip.gatewayIp() != null) {
                    routes.add(Map.of("network", v6 ? "::" : "0.0.0.0", "netmask", v6 ? "::" : "0.0.0.0",
                            "gateway", ip.gatewayIp()));
                }
                net.put("routes", routes);
                net.put("services", dns);
                networks.add(net);
            }
        }
        return Map.of("links", links, "networks", networks, "services", services);
    }

    private static String netmask(String cidr, boolean v6) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return null;
        }
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        if (v6) {
            return Integer.toString(bits);
        }
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return ((mask >> 24) & 255) + "." + ((mask >> 16) & 255) + "." + ((mask >> 8) & 255) + "." + (mask & 255);
    }

    private static Map<String, Object> ec2MetaData(Content c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance-id", c.uuid());
        m.put("hostname", c.hostname());
        m.put("local-hostname", c.hostname());
        m.put("ami-launch-index", c.launchIndex());
        m.put("placement", Map.of("availability-zone", c.availabilityZone() == null ? "" : c.availabilityZone()));
        return m;
    }

    private static void write(Path file, byte[] data) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, data);
        } catch (IOException e) {
            throw new DiskException("cannot create the config drive: " + e.getMessage(), e);
        }
    }

    /** Removes a directory and everything in it; a missing one is fine. */
    public static void removeTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new DiskException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
