package io.nubo.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.network.dataplane.LinuxHostNetworking;
import io.nubo.testsupport.KafkaTestBroker;
import io.nubo.network.dhcp.DhcpAgent;
import io.nubo.testsupport.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The DHCP role on the real data plane (root, iproute2, dnsmasq): a network with a DHCP subnet gets its namespace and
 * dnsmasq, whose hosts follow the bound ports; syncing again starts no second dnsmasq; deleting the network leaves
 * nothing. Runs with the outbox off, so what it sees comes from the periodic resync (the port events' path is the
 * all-in-one's end-to-end test). Skipped without root or dnsmasq, failed under {@code CI=true}.
 */
@Tag("integration")
@DirtiesContext
class DhcpAgentTest extends NetworkHttpTest {

    static final Path STATE;

    static {
        try {
            STATE = Files.createTempDirectory("nubo-dhcp-test");
            Files.setPosixFilePermissions(STATE, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final String nova = TestTokens.project("p-service", "service");

    @BeforeAll
    static void requireRoot() {
        boolean ready = "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/sbin/dnsmasq"));
        if (!ready && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("the DHCP agent test needs root and dnsmasq although CI=true"
                    + " (scripts/install-deps.sh --network)");
        }
        Assumptions.assumeTrue(ready, "needs root and dnsmasq: skipped");
    }

    @DynamicPropertySource
    static void dhcp(DynamicPropertyRegistry r) {
        r.add("nubo.network.dhcp.enabled", () -> "true");
        r.add("nubo.network.dhcp.state-dir", STATE::toString);
        r.add("nubo.network.dhcp.resync-interval", () -> "500ms");
        r.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    }

    @Autowired
    DhcpAgent agent;

    /**
     * Nothing of the test outlives it, even when it fails half-way (dnsmasq would, by design): the agent stops (its
     * context is closed after the class), then every server it ran goes. It serves every network of the shared test
     * database while it runs, which is harmless: each in a namespace of its own, torn down here.
     */
    @AfterEach
    void cleanUp() throws Exception {
        agent.stop();
        if (Files.isDirectory(STATE)) {
            try (var dirs = Files.list(STATE)) {
                dirs.map(d -> d.getFileName().toString()).toList()
                        .forEach(new LinuxHostNetworking(STATE)::teardown);
            }
            Files.deleteIfExists(STATE);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    static String hosts(String net) {
        try {
            Path f = STATE.resolve(net).resolve("hosts");
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    static String pid(String net) {
        try {
            return Files.readString(STATE.resolve(net).resolve("pid")).trim();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    static String sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** The running role is Neutron's DHCP agent in the agents API: alive once it resynced, for admins only. */
    @Test
    void theAgentsApiShowsTheDhcpRoleToAdminsOnly() throws Exception {
        await("the DHCP agent beat", () -> {
            try {
                return get(admin, "/v2.0/agents?agent_type=DHCP+agent").json().at("/agents/0/alive").asBoolean();
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode a = get(admin, "/v2.0/agents?agent_type=DHCP+agent").json().at("/agents/0");
        assertThat(a.get("binary").asString()).isEqualTo("neutron-dhcp-agent");
        assertThat(a.get("admin_state_up").asBoolean()).isTrue();
        assertThat(a.get("heartbeat_timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        String id = a.get("id").asString();
        assertThat(get(admin, "/v2.0/agents/" + id).json().at("/agent/host").asString())
                .isEqualTo(a.get("host").asString());
        assertThat(get(admin, "/v2.0/agents?agent_type=L3+agent").json().get("agents").size()).isZero();
        assertThat(get(alice, "/v2.0/agents").json().get("agents").size()).isZero();
        Reply hidden = get(alice, "/v2.0/agents/" + id);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.type()).isEqualTo("AgentNotFound");
    }

    @Test
    void dnsmasqFollowsTheBoundPortsAndGoesWithTheNetwork() throws Exception {
        String net = network(alice, "dhcp-agent");
        String prefix = "10.202." + ThreadLocalRandom.current().nextInt(10, 250) + ".";
        subnet(alice, net, prefix + "0/24");
        JsonNode dhcpPort = null;
        for (JsonNode p : get(alice, "/v2.0/ports?network_id=" + net).json().get("ports")) {
            if ("network:dhcp".equals(p.get("device_owner").asString())) {
                dhcpPort = p;
            }
        }
        String server = dhcpPort.get("fixed_ips").get(0).get("ip_address").asString();
        await("dnsmasq started", () -> !pid(net).isEmpty()
                && ProcessHandle.of(Long.parseLong(pid(net))).map(ProcessHandle::isAlive).orElse(false));
        String ns = "qdhcp-" + net;
        assertThat(sh("ip", "netns", "exec", ns, "ip", "-o", "addr", "show")).contains(server + "/24");
        assertThat(hosts(net)).isEmpty();

        // an unbound port gets no lease; bound (as compute binds it), it does
        JsonNode port = create(alice, "ports", "port", "{\"network_id\": \"" + net + "\"}");
        String id = port.get("id").asString();
        String lease = port.get("mac_address").asString() + "," + port.at("/fixed_ips/0/ip_address").asString();
        Thread.sleep(1500);
        assertThat(hosts(net)).doesNotContain(lease);
        assertThat(put(nova, "/v2.0/ports/" + id, "{\"port\": {\"binding:host_id\": \"h1\", \"device_id\": \"vm\","
                + " \"device_owner\": \"compute:nova\"}}").status()).isEqualTo(200);
        await("the bound port's lease", () -> hosts(net).contains(lease));

        // syncing again and again changes nothing: the same dnsmasq serves
        String first = pid(net);
        Thread.sleep(1500);
        assertThat(pid(net)).isEqualTo(first);
        assertThat(sh("pgrep", "-f", "dhcp-hostsfile=" + STATE.resolve(net)).trim().lines().count()).isEqualTo(1);

        assertThat(put(nova, "/v2.0/ports/" + id, "{\"port\": {\"binding:host_id\": \"\"}}").status()).isEqualTo(200);
        await("the unbound port's lease gone", () -> !hosts(net).contains(lease));

        assertThat(delete(alice, "/v2.0/ports/" + id).status()).isEqualTo(204);
        assertThat(delete(alice, "/v2.0/networks/" + net).status()).isEqualTo(204);
        await("the namespace gone", () -> {
            try {
                return !sh("ip", "netns", "list").contains(ns);
            } catch (Exception e) {
                return false;
            }
        });
        // the teardown removes the namespace first, then the bridge and the state files: wait for each
        await("its state files gone", () -> !Files.exists(STATE.resolve(net)));
        await("its bridge gone", () -> {
            try {
                return sh("ip", "link", "show", "dev", "brq" + net.substring(0, 11)).contains("does not exist");
            } catch (Exception e) {
                return false;
            }
        });
        await("its dnsmasq stopped", () -> ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive)
                .orElse(false) == false);
    }
}
