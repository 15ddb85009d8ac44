package io.nubo.network.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real thing, as root: a bridge, a DHCP namespace with dnsmasq, and a stand-in guest (a namespace of the
 * test's own, plugged into the bridge by a veth pair) that asks for a lease with busybox udhcpc. Traffic stays
 * inside the namespaces; the host gets no address on the test network; everything is removed afterwards.
 * Skipped when not root or when dnsmasq, ip or busybox is missing (under CI=true it fails instead).
 */
class LinuxHostNetworkingTest {

    /** Not a @TempDir: dnsmasq, running as nobody, must be able to reach the hosts file. */
    Path state;

    final String networkId = UUID.randomUUID().toString();
    final String tag = networkId.substring(0, 6);
    final String guestNs = "nubotest-" + tag;
    final String guestOut = "tgo" + tag;
    final String guestIn = "tgi" + tag;
    final int octet = 100 + ThreadLocalRandom.current().nextInt(100);
    final String cidr = "10.213." + octet + ".0/24";
    final String server = "10.213." + octet + ".2";
    final String guestIp = "10.213." + octet + ".10";
    final String guestMac = "fa:16:3e:" + tag.substring(0, 2) + ":" + tag.substring(2, 4) + ":" + tag.substring(4, 6);
    HostNetworking host;

    @BeforeEach
    void requireRoot() {
        boolean usable = "0".equals(Commands.run(List.of("id", "-u")).output())
                && Files.isExecutable(Path.of("/usr/sbin/dnsmasq")) && Files.isExecutable(Path.of("/bin/busybox"));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(usable).as("CI runs the data plane tests: root, dnsmasq-base, iproute2, busybox-static").isTrue();
        }
        assumeTrue(usable, "needs root, dnsmasq, ip and busybox");
        try {
            state = Files.createTempDirectory("nubo-dataplane-test");
            Files.setPosixFilePermissions(state, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        host = new LinuxHostNetworking(state);
    }

    @AfterEach
    void cleanUp() {
        if (host != null) {
            host.teardown(networkId);
        }
        Commands.ok("ip", "netns", "del", guestNs);
        Commands.ok("ip", "link", "del", "dev", guestOut);
        if (state != null) {
            state.toFile().delete();
        }
    }

    @Test
    void aGuestGetsExactlyItsStaticLeaseAndTeardownLeavesNothing() {
        host.ensureNetwork(networkId, 1450);
        host.ensureDhcp(networkId, new HostNetworking.DhcpSubnet(cidr, server, "10.213." + octet + ".1",
                List.of(), 1450), List.of(new HostNetworking.DhcpHost(guestMac, guestIp)));
        String bridge = HostNetworking.bridgeName(networkId);
        assertThat(Commands.check("ip", "-o", "addr", "show", "dev", bridge)).doesNotContain("inet ");
        // idempotent: a second call changes nothing and starts no second dnsmasq
        host.ensureDhcp(networkId, new HostNetworking.DhcpSubnet(cidr, server, "10.213." + octet + ".1",
                List.of(), 1450), List.of(new HostNetworking.DhcpHost(guestMac, guestIp)));

        guest(guestMac);
        host.plug(networkId, guestOut);
        String lease = Commands.run(List.of("ip", "netns", "exec", guestNs, "busybox", "udhcpc", "-i", guestIn,
                "-n", "-q", "-f", "-t", "6", "-T", "1", "-s", "/bin/true")).output();
        assertThat(lease).as(log()).contains("lease of " + guestIp + " obtained");

        host.unplug(guestOut);
        host.teardown(networkId);
        assertThat(Commands.ok("ip", "link", "show", "dev", bridge)).isFalse();
        assertThat(Commands.run(List.of("ip", "netns", "list")).output()).doesNotContain(
                HostNetworking.dhcpNamespace(networkId));
        assertThat(Commands.run(List.of("pgrep", "-f", "dhcp-hostsfile=" + state.resolve(networkId))).exit())
                .isNotZero();
    }

    @Test
    void aMacWithoutAStaticEntryGetsNoAddress() {
        host.ensureDhcp(networkId, new HostNetworking.DhcpSubnet(cidr, server, null, List.of("10.213." + octet
                + ".53"), 1450), List.of(new HostNetworking.DhcpHost(guestMac, guestIp)));
        guest("fa:16:3e:00:00:01");
        host.plug(networkId, guestOut);
        Commands.Result r = Commands.run(List.of("ip", "netns", "exec", guestNs, "busybox", "udhcpc", "-i", guestIn,
                "-n", "-q", "-f", "-t", "3", "-T", "1", "-s", "/bin/true"));
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).doesNotContain("obtained");
    }

    private String log() {
        try {
            return Files.readString(state.resolve(networkId).resolve("dnsmasq.log")) + Files.readString(
                    state.resolve(networkId).resolve("hosts"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** The stand-in guest: a namespace with one NIC (the MAC given), its peer left on the host to be plugged. */
    private void guest(String mac) {
        Commands.check("ip", "netns", "add", guestNs);
        Commands.check("ip", "link", "add", guestOut, "type", "veth", "peer", "name", guestIn, "netns", guestNs);
        Commands.check("ip", "netns", "exec", guestNs, "ip", "link", "set", "dev", guestIn, "address", mac, "up");
    }
}
