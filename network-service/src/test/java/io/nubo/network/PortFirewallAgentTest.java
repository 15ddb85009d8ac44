package io.nubo.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.network.dataplane.HostNetworking;
import io.nubo.network.dataplane.LinuxHostNetworking;
import io.nubo.network.dataplane.NftPortFirewall;
import io.nubo.testsupport.KafkaTestBroker;
import io.nubo.testsupport.StandInGuest;
import io.nubo.testsupport.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The port firewall role on the real data plane (root, iproute2, nftables), driven through the API and the events
 * only (the periodic resync is an hour away): two ports bound to this test's host, each a stand-in guest (a namespace
 * of the test's own on the network's bridge, with the port's tap name, MAC and address, running httpd on 8080 and
 * 8081). Ports become ACTIVE once plugged; a rule allowing TCP 8080 lets a connection through while 8081 stays
 * dropped, and deleting it stops 8080 again; a remote-group rule follows the group's membership; port security off
 * means no filter; a deleted port leaves no table. Only the test's namespaces send anything, to each other.
 */
@Tag("integration")
@DirtiesContext
class PortFirewallAgentTest extends NetworkHttpTest {

    static final String HOST = "fw-" + UUID.randomUUID().toString().substring(0, 8);
    static final String PREFIX = "nubotest" + HOST.substring(3);

    private final String nova = TestTokens.project("p-service", "service");
    private final List<StandInGuest> guests = new ArrayList<>();
    private final HostNetworking host = new LinuxHostNetworking(Path.of("/nonexistent"));
    private String network;

    @BeforeAll
    static void requireRoot() {
        boolean ready = StandInGuest.usable() && Files.isExecutable(Path.of("/usr/sbin/nft"));
        if (!ready && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("the port firewall test needs root, nftables and busybox although CI=true"
                    + " (scripts/install-deps.sh --network)");
        }
        Assumptions.assumeTrue(ready, "needs root, nft and busybox: skipped");
    }

    @DynamicPropertySource
    static void firewall(DynamicPropertyRegistry r) {
        r.add("nubo.network.firewall.enabled", () -> "true");
        r.add("nubo.network.firewall.host", () -> HOST);
        r.add("nubo.network.firewall.table-prefix", () -> PREFIX);
        r.add("nubo.network.firewall.resync-interval", () -> "1h");
        r.add("nubo.network.firewall.device-interval", () -> "300ms");
        r.add("nubo.test.outbox", () -> "true");
        r.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    }

    @AfterEach
    void cleanUp() {
        guests.forEach(StandInGuest::close);
        new NftPortFirewall(PREFIX).removeAll();
        if (network != null) {
            host.teardown(network);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < until && !condition.getAsBoolean()) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    /** A port bound to this test's host as compute binds it, and its stand-in guest plugged into the bridge. */
    private JsonNode guestPort(String groups) throws Exception {
        JsonNode port = create(alice, "ports", "port", "{\"network_id\": \"" + network + "\""
                + (groups == null ? "" : ", \"security_groups\": " + groups) + "}");
        String id = port.get("id").asString();
        assertThat(put(nova, "/v2.0/ports/" + id, "{\"port\": {\"binding:host_id\": \"" + HOST + "\", \"device_id\":"
                + " \"vm-" + id.substring(0, 8) + "\", \"device_owner\": \"compute:nova\"}}").status()).isEqualTo(200);
        StandInGuest g = new StandInGuest("nubofw-" + id.substring(0, 8), "tap" + id.substring(0, 11),
                port.get("mac_address").asString(), port.at("/fixed_ips/0/ip_address").asString() + "/24", 8080, 8081);
        guests.add(g);
        host.plug(network, g.hostDevice());
        return port;
    }

    private String status(String portId) {
        try {
            return get(admin, "/v2.0/ports/" + portId).json().at("/port/status").asString();
        } catch (Exception e) {
            return "";
        }
    }

    private static String nftTables() {
        try {
            Process p = new ProcessBuilder("nft", "list", "tables").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        } catch (Exception e) {
            return PREFIX;
        }
    }

    private static String ip(JsonNode port) {
        return port.at("/fixed_ips/0/ip_address").asString();
    }

    @Test
    void rulesAndMembershipReachRunningGuestsThroughTheEvents() throws Exception {
        network = network(alice, "fw-net");
        host.ensureNetwork(network, 1500);
        subnet(alice, network, "10.203." + ThreadLocalRandom.current().nextInt(10, 250) + ".0/24");
        String web = create(alice, "security-groups", "security_group", "{\"name\": \"web\"}").get("id").asString();
        JsonNode client = guestPort(null); // the project's default group
        JsonNode server = guestPort("[\"" + web + "\"]");
        StandInGuest from = guests.get(0);
        String serverId = server.get("id").asString();
        String clientId = client.get("id").asString();

        await("both ports ACTIVE once plugged", () -> "ACTIVE".equals(status(serverId))
                && "ACTIVE".equals(status(clientId)));
        await("the server's filter drops what no rule allows", () -> !from.get(ip(server), 8080));

        JsonNode rule = create(alice, "security-group-rules", "security_group_rule", "{\"security_group_id\": \""
                + web + "\", \"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\","
                + " \"port_range_min\": 8080, \"port_range_max\": 8080}");
        long t0 = System.nanoTime();
        await("TCP 8080 let through", () -> from.get(ip(server), 8080));
        System.out.printf("rule created -> connection through: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(from.get(ip(server), 8081)).as("8081 has no rule").isFalse();

        assertThat(delete(alice, "/v2.0/security-group-rules/" + rule.get("id").asString()).status()).isEqualTo(204);
        await("8080 dropped again once the rule is gone", () -> !from.get(ip(server), 8080));

        // members of the default group may reach the server on any port; the client leaves the group: no longer
        create(alice, "security-group-rules", "security_group_rule", "{\"security_group_id\": \"" + web
                + "\", \"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"remote_group_id\": \""
                + client.at("/security_groups/0").asString() + "\"}");
        await("a member of the remote group reaches 8081", () -> from.get(ip(server), 8081));
        assertThat(put(alice, "/v2.0/ports/" + clientId, "{\"port\": {\"security_groups\": [\"" + web + "\"]}}")
                .status()).isEqualTo(200);
        await("a port that left the remote group is dropped", () -> !from.get(ip(server), 8081));

        // port security off: no filter at all
        assertThat(put(alice, "/v2.0/ports/" + serverId, "{\"port\": {\"security_groups\": [],"
                + " \"port_security_enabled\": false}}").status()).isEqualTo(200);
        await("no filter without port security", () -> from.get(ip(server), 8081));
        assertThat(new NftPortFirewall(PREFIX).ports()).containsExactly(clientId);

        // unplugged: DOWN; deleted: no table left
        guests.get(1).close();
        await("the unplugged port DOWN", () -> "DOWN".equals(status(serverId)));
        assertThat(delete(alice, "/v2.0/ports/" + clientId).status()).isEqualTo(204);
        await("the deleted port's table gone, and with the last one the conntrack table",
                () -> !nftTables().contains(PREFIX));
        assertThat(delete(alice, "/v2.0/ports/" + serverId).status()).isEqualTo(204);
    }
}
