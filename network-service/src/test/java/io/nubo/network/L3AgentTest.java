package io.nubo.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.network.dataplane.HostNetworking;
import io.nubo.network.dataplane.LinuxHostNetworking;
import io.nubo.network.l3.L3Agent;
import io.nubo.testsupport.KafkaTestBroker;
import io.nubo.testsupport.StandInGuest;
import io.nubo.testsupport.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The L3 role on the real data plane (root, iproute2, nftables), driven by the API and the events: an external
 * network (its bridge standing for the outside, a namespace of the test's own on it at a TEST-NET-2 address), a
 * tenant network with a stand-in guest (the port's MAC and address, default route via the subnet's gateway), a
 * router with a gateway and an interface: a floating IP associated with the guest's port reaches it from the outside
 * namespace, the guest reaches the outside (which has no route to the tenant subnet: SNAT); disassociated, the outside
 * no longer reaches it; the router deleted, its namespace is gone.
 */
@Tag("integration")
@DirtiesContext
class L3AgentTest extends NetworkHttpTest {

    private final String nova = TestTokens.project("p-service", "service");
    private final HostNetworking host = new LinuxHostNetworking(Path.of("/nonexistent"));
    private final List<StandInGuest> guests = new ArrayList<>();
    private Set<String> bridgesBefore;

    @Autowired
    L3Agent agent;

    @BeforeAll
    static void requireRoot() {
        boolean ready = StandInGuest.usable() && Files.isExecutable(Path.of("/usr/sbin/nft"));
        if (!ready && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("the L3 agent test needs root, nftables and busybox although CI=true");
        }
        Assumptions.assumeTrue(ready, "needs root, nft and busybox: skipped");
    }

    @DynamicPropertySource
    static void l3(DynamicPropertyRegistry r) {
        r.add("nubo.network.l3.enabled", () -> "true");
        r.add("nubo.network.l3.resync-interval", () -> "1h");
        r.add("nubo.test.outbox", () -> "true");
        r.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    }

    @BeforeEach
    void rememberBridges() throws Exception {
        bridgesBefore = bridges();
    }

    /** The routers it built go (it builds every router of the shared test database), then the bridges it made. */
    @AfterEach
    void cleanUp() throws Exception {
        guests.forEach(StandInGuest::close);
        agent.stop();
        agent.teardownAll();
        for (String b : bridges()) {
            if (!bridgesBefore.contains(b)) {
                sh("ip", "link", "del", "dev", b);
            }
        }
    }

    static Set<String> bridges() throws Exception {
        Set<String> out = new TreeSet<>();
        for (String line : sh("ip", "-o", "link", "show", "type", "bridge").split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1 && f[1].startsWith("brq")) {
                out.add(f[1].split("@")[0]);
            }
        }
        return out;
    }

    static String sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < until && !condition.getAsBoolean()) {
            Thread.sleep(200);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void aFloatingIpReachesTheGuestFromOutsideAndTheGuestLeavesThroughSnat() throws Exception {
        String ext = create(admin, "networks", "network", "{\"name\": \"l3-public\", \"router:external\": true}")
                .get("id").asString();
        int third = ThreadLocalRandom.current().nextInt(10, 250);
        create(admin, "subnets", "subnet", "{\"network_id\": \"" + ext + "\", \"ip_version\": 4, \"cidr\":"
                + " \"198.51.100.0/24\", \"gateway_ip\": \"198.51.100.1\", \"allocation_pools\": [{\"start\":"
                + " \"198.51.100.2\", \"end\": \"198.51.100.200\"}]}");
        String net = network(alice, "l3-private");
        String subnet = subnet(alice, net, "10.218." + third + ".0/24");
        String router = create(alice, "routers", "router", "{\"name\": \"l3\", \"external_gateway_info\":"
                + " {\"network_id\": \"" + ext + "\"}}").get("id").asString();
        assertThat(put(alice, "/v2.0/routers/" + router + "/add_router_interface", "{\"subnet_id\": \"" + subnet
                + "\"}").status()).isEqualTo(200);
        JsonNode port = create(alice, "ports", "port", "{\"network_id\": \"" + net + "\"}");
        String portId = port.get("id").asString();
        String ip = port.at("/fixed_ips/0/ip_address").asString();
        assertThat(put(nova, "/v2.0/ports/" + portId, "{\"port\": {\"binding:host_id\": \"l3-test\", \"device_id\":"
                + " \"vm\", \"device_owner\": \"compute:nova\"}}").status()).isEqualTo(200);
        await("the router's namespace", () -> {
            try {
                return sh("ip", "netns", "list").contains("qrouter-" + router);
            } catch (Exception e) {
                return false;
            }
        });
        String ns = "qrouter-" + router;
        // the namespace is made first, its interfaces and addresses just after
        await("the interface's gateway address in " + ns, () -> {
            try {
                return sh("ip", "netns", "exec", ns, "ip", "-o", "addr").contains("10.218." + third + ".1/24");
            } catch (Exception e) {
                return false;
            }
        });

        StandInGuest vm = new StandInGuest("nubol3-" + portId.substring(0, 6), "tap" + portId.substring(0, 11),
                port.get("mac_address").asString(), ip + "/24", 8080);
        guests.add(vm);
        host.plug(net, vm.hostDevice());
        vm.in("ip", "route", "add", "default", "via", "10.218." + third + ".1");
        StandInGuest outside = new StandInGuest("nubol3x-" + portId.substring(0, 5), "l3x" + portId.substring(0, 8),
                "02:00:00:00:00:" + String.format("%02x", third), "198.51.100.250/24", 8080);
        guests.add(outside);
        host.plug(ext, outside.hostDevice());
        assertThat(vm.get("198.51.100.250", 8080)).as("out through the gateway's SNAT").isTrue();

        JsonNode fip = create(alice, "floatingips", "floatingip", "{\"floating_network_id\": \"" + ext
                + "\", \"port_id\": \"" + portId + "\"}");
        String floating = fip.get("floating_ip_address").asString();
        await("the floating IP reaches the guest", () -> outside.get(floating, 8080));
        assertThat(outside.get(ip, 8080)).as("the tenant address is not routed").isFalse();

        assertThat(put(alice, "/v2.0/floatingips/" + fip.get("id").asString(), "{\"floatingip\": {\"port_id\": null}}")
                .status()).isEqualTo(200);
        await("disassociated: no longer reached", () -> !outside.get(floating, 8080));

        assertThat(put(alice, "/v2.0/routers/" + router + "/remove_router_interface", "{\"subnet_id\": \"" + subnet
                + "\"}").status()).isEqualTo(200);
        assertThat(delete(alice, "/v2.0/floatingips/" + fip.get("id").asString()).status()).isEqualTo(204);
        assertThat(delete(alice, "/v2.0/routers/" + router).status()).isEqualTo(204);
        await("the router's namespace gone", () -> {
            try {
                return !sh("ip", "netns", "list").contains(ns);
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(Arrays.stream(sh("ip", "-o", "link").split("\n")).filter(l -> l.contains("qr-") || l
                .contains("qg-")).toList()).isEmpty();
    }
}
