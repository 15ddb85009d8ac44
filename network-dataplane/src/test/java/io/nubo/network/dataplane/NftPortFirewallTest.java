package io.nubo.network.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nubo.testsupport.StandInGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Security groups on a real bridge, as root: two stand-in guests (namespaces of the test's own, each joined to the
 * bridge by a veth whose host end is named like the port's tap), each running busybox httpd on ports 8080 and 8081,
 * and connections between them. Only the test's namespaces send anything, only to each other; the host holds no
 * address on the test network; bridge, namespaces, servers and tables go afterwards.
 * Skipped without root, nft or busybox (failed under CI=true).
 */
@Tag("integration")
class NftPortFirewallTest {

    final String networkId = UUID.randomUUID().toString();
    final String prefix = "nubotest" + networkId.substring(0, 6);
    final String subnet = "10.214." + (20 + ThreadLocalRandom.current().nextInt(200)) + ".";
    final Port a = new Port(UUID.randomUUID().toString(), subnet + "11");
    final Port b = new Port(UUID.randomUUID().toString(), subnet + "12");
    HostNetworking host;
    NftPortFirewall firewall;
    StandInGuest guestA;
    StandInGuest guestB;

    record Port(String id, String ip) {
        String tap() {
            return "tap" + id.substring(0, 11);
        }

        String mac() {
            return "fa:16:3e:" + id.substring(0, 2) + ":" + id.substring(2, 4) + ":" + id.substring(4, 6);
        }

        StandInGuest boot() {
            return new StandInGuest("nubofw-" + id.substring(0, 8), tap(), mac(), ip + "/24", 8080, 8081);
        }
    }

    @BeforeEach
    void setUp() {
        boolean usable = StandInGuest.usable() && Files.isExecutable(Path.of("/usr/sbin/nft"));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(usable).as("CI runs the firewall tests: root, nftables, iproute2, busybox-static").isTrue();
        }
        assumeTrue(usable, "needs root, nft, ip and busybox");
        host = new LinuxHostNetworking(Path.of("/nonexistent"));
        firewall = new NftPortFirewall(prefix);
        host.ensureNetwork(networkId, 1500);
        guestA = a.boot();
        guestB = b.boot();
        host.plug(networkId, a.tap());
        host.plug(networkId, b.tap());
    }

    @AfterEach
    void cleanUp() {
        if (firewall != null) {
            firewall.removeAll();
        }
        for (StandInGuest g : new StandInGuest[] {guestA, guestB}) {
            if (g != null) {
                g.close();
            }
        }
        if (host != null) {
            host.teardown(networkId);
        }
    }

    PortFilter filter(Port p, List<PortFilter.Rule> rules, Map<String, List<String>> groups) {
        return new PortFilter(p.id(), p.tap(), p.mac(), List.of(p.ip()), List.of(), rules, groups);
    }

    static PortFilter.Rule tcpIn(int port) {
        return new PortFilter.Rule("r" + port, "ingress", "IPv4", "tcp", port, port, null, null);
    }

    @Test
    void aRuleLetsItsPortThroughTheOtherIsDroppedAndRemovingTheRuleStopsIt() {
        assertThat(host.bridgePorts()).containsEntry(a.tap(), HostNetworking.bridgeName(networkId))
                .containsEntry(b.tap(), HostNetworking.bridgeName(networkId));
        assertThat(guestA.get(b.ip(), 8081)).as("no filter yet: the bridge forwards").isTrue();
        // b allows TCP 8080 in and nothing out: the replies still flow (stateful)
        firewall.apply(filter(b, List.of(tcpIn(8080)), Map.of()));
        assertThat(guestA.get(b.ip(), 8080)).isTrue();
        assertThat(guestA.get(b.ip(), 8081)).isFalse();
        assertThat(guestB.get(a.ip(), 8080)).as("no egress rule: b opens nothing").isFalse();

        firewall.apply(filter(b, List.of(), Map.of()));
        assertThat(guestA.get(b.ip(), 8080)).isFalse();
        assertThat(firewall.ports()).containsExactly(b.id());

        firewall.remove(b.id());
        assertThat(guestA.get(b.ip(), 8081)).isTrue();
        assertThat(firewall.ports()).isEmpty();
    }

    @Test
    void aRemoteGroupAdmitsItsMembersOnly() {
        String group = UUID.randomUUID().toString();
        PortFilter.Rule fromGroup = new PortFilter.Rule("g", "ingress", "IPv4", null, null, null, null, group);
        firewall.apply(filter(b, List.of(fromGroup), Map.of(group, List.of(a.ip()))));
        assertThat(guestA.get(b.ip(), 8081)).isTrue();
        firewall.apply(filter(b, List.of(fromGroup), Map.of(group, List.of(subnet + "99"))));
        assertThat(guestA.get(b.ip(), 8081)).isFalse();
    }

    @Test
    void aGuestCannotSendFromAnAddressOrMacNotItsOwn() {
        PortFilter.Rule anyOut = new PortFilter.Rule("e", "egress", "IPv4", null, null, null, null, null);
        firewall.apply(filter(a, List.of(anyOut), Map.of()));
        assertThat(guestA.get(b.ip(), 8080)).isTrue();
        guestA.in("ip", "addr", "flush", "dev", "eth0");
        guestA.in("ip", "addr", "add", subnet + "50/24", "dev", "eth0");
        guestB.in("ip", "neigh", "flush", "dev", "eth0");
        assertThat(guestA.get(b.ip(), 8080)).as("spoofed source address").isFalse();

        // the same address inside an allowed address pair's prefix is let out
        firewall.apply(new PortFilter(a.id(), a.tap(), a.mac(), List.of(a.ip()),
                List.of(new PortFilter.Pair(null, subnet + "48/29")), List.of(anyOut), Map.of()));
        assertThat(guestA.get(b.ip(), 8080)).isTrue();

        guestA.in("ip", "link", "set", "dev", "eth0", "address", "fa:16:3e:00:00:01");
        guestB.in("ip", "neigh", "flush", "dev", "eth0");
        assertThat(guestA.get(b.ip(), 8080)).as("spoofed MAC").isFalse();
    }

    @Test
    void removeAllLeavesNoTable() {
        firewall.apply(filter(a, List.of(), Map.of()));
        firewall.apply(filter(b, List.of(), Map.of()));
        assertThat(firewall.ports()).hasSize(2);
        firewall.removeAll();
        assertThat(Commands.check("nft", "list", "tables")).doesNotContain(prefix);
    }
}
