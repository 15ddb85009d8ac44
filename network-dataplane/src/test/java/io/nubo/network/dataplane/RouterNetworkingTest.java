package io.nubo.network.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nubo.testsupport.StandInGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A router namespace on real bridges, as root: a tenant network with two stand-in guests (namespaces of the test's
 * own, default route via the router's interface), an "external" network (another bridge, TEST-NET-2 addresses) with
 * a namespace standing in for the outside. The outside reaches the first guest only through its floating IP (DNAT);
 * both guests reach the outside, which has no route back to the tenant subnet, so only SNAT (floating or gateway
 * address) makes it work. Everything is removed afterwards; the host routes nothing and holds no address.
 */
@Tag("integration")
class RouterNetworkingTest {

    final String tenant = UUID.randomUUID().toString();
    final String external = UUID.randomUUID().toString();
    final String routerId = UUID.randomUUID().toString();
    final String inner = "10.216." + ThreadLocalRandom.current().nextInt(10, 250) + ".";
    final String outer = "198.51.100.";
    final HostNetworking host = new LinuxHostNetworking(Path.of("/nonexistent"));
    final RouterNetworking routers = new RouterNetworking(host);
    final List<StandInGuest> guests = new ArrayList<>();

    static String port() {
        return UUID.randomUUID().toString();
    }

    StandInGuest guest(String network, String name, String cidrAddress, String via) {
        StandInGuest g = new StandInGuest("nubort-" + name + routerId.substring(0, 4), "nrt" + name
                + routerId.substring(0, 4), "02:00:00:00:" + String.format("%02x", guests.size()) + ":01", cidrAddress,
                8080);
        guests.add(g);
        host.plug(network, g.hostDevice());
        if (via != null) {
            g.in("ip", "route", "add", "default", "via", via);
        }
        return g;
    }

    @AfterEach
    void cleanUp() {
        guests.forEach(StandInGuest::close);
        routers.teardown(routerId);
        host.teardown(tenant);
        host.teardown(external);
    }

    @Test
    void floatingIpReachesTheGuestAndTheInsideLeavesThroughSnat() {
        boolean usable = StandInGuest.usable() && Files.isExecutable(Path.of("/usr/sbin/nft"));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(usable).as("CI runs the router tests: root, nftables, iproute2, busybox-static").isTrue();
        }
        assumeTrue(usable, "needs root, nft, ip and busybox");
        host.ensureNetwork(tenant, 1500);
        host.ensureNetwork(external, 1500);
        RouterSpec.Interface qr = new RouterSpec.Interface(port(), tenant, "fa:16:3e:10:00:01", inner + "1/24", 1500);
        RouterSpec.Interface qg = new RouterSpec.Interface(port(), external, "fa:16:3e:10:00:02", outer + "2/24", 1500);
        RouterSpec spec = new RouterSpec(routerId, List.of(qr), new RouterSpec.Gateway(qg, null), true,
                List.of(new RouterSpec.FloatingIp(outer + "20", inner + "10")));
        routers.ensure(spec);
        routers.ensure(spec); // idempotent
        StandInGuest first = guest(tenant, "a", inner + "10/24", inner + "1");
        StandInGuest second = guest(tenant, "b", inner + "11/24", inner + "1");
        StandInGuest outside = guest(external, "x", outer + "50/24", null);

        assertThat(outside.get(outer + "20", 8080)).as("the floating IP reaches the first guest").isTrue();
        assertThat(outside.get(inner + "10", 8080)).as("the tenant address is not routed from outside").isFalse();
        assertThat(first.get(outer + "50", 8080)).as("out through its floating IP").isTrue();
        assertThat(second.get(outer + "50", 8080)).as("out through the gateway's SNAT").isTrue();

        // no SNAT, no floating IP: the outside cannot answer the inside any more
        routers.ensure(new RouterSpec(routerId, List.of(qr), new RouterSpec.Gateway(qg, null), false, List.of()));
        assertThat(outside.get(outer + "20", 8080)).isFalse();
        assertThat(second.get(outer + "50", 8080)).isFalse();

        routers.teardown(routerId);
        assertThat(Commands.run(List.of("ip", "netns", "list")).output()).doesNotContain(routerId);
        assertThat(Commands.ok("ip", "link", "show", "dev", "tap" + qr.portId().substring(0, 11))).isFalse();
    }

    @Test
    void natRulesAreRenderedAsGolden() {
        RouterSpec spec = new RouterSpec("r1", List.of(new RouterSpec.Interface("11111111-aaaa", "n1", "fa:16:3e:00:00:01",
                "10.0.0.1/24", 1450)), new RouterSpec.Gateway(new RouterSpec.Interface("22222222-bbbb", "ext",
                "fa:16:3e:00:00:02", "198.51.100.2/24", 1500), "198.51.100.1"), true,
                List.of(new RouterSpec.FloatingIp("198.51.100.20", "10.0.0.10")));
        assertThat(RouterNetworking.natRules(spec)).isEqualTo("""
                add table ip nubo_nat
                delete table ip nubo_nat
                table ip nubo_nat {
                \tchain prerouting {
                \t\ttype nat hook prerouting priority -100; policy accept;
                \t\tip daddr 198.51.100.20 dnat to 10.0.0.10
                \t}
                \tchain postrouting {
                \t\ttype nat hook postrouting priority 100; policy accept;
                \t\toifname "qg-22222222-bb" ip saddr 10.0.0.10 snat to 198.51.100.20
                \t\toifname "qg-22222222-bb" ip saddr 10.0.0.0/24 snat to 198.51.100.2
                \t}
                }
                """);
    }
}
