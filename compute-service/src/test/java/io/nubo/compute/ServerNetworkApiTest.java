package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.NicSpec;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.SpawnInstance;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Servers on networks, against a Neutron stand-in: Nova 2.1's choice of network (none, the one the project sees, or
 * 409 when there are several), explicit networks, ports and fixed IPs, ports created with the user's token and bound
 * with compute's service token, the server's {@code addresses}, and the ports given back when the server goes.
 */
@Tag("integration")
class ServerNetworkApiTest extends ComputeHttpTest {

    static final FakeNetworkService NEUTRON = new FakeNetworkService();

    @DynamicPropertySource
    static void network(DynamicPropertyRegistry r) {
        r.add("nubo.compute.network.url", NEUTRON::url);
        r.add("nubo.compute.network.identity-url", () -> NEUTRON.url() + "/v3");
        r.add("nubo.compute.network.password", () -> "secret");
        r.add("nubo.compute.network.release-interval", () -> "1s");
    }

    @Autowired
    EventCodec codec;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    FakeAgent agent;
    String project;
    String token;
    String flavor;

    @BeforeEach
    void setUp() throws Exception {
        agent = new FakeAgent("host-" + UUID.randomUUID().toString().substring(0, 8), codec, kafka);
        agent.heartbeat(4, 8192, 100);
        for (int i = 0; i < 600 && jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?",
                Integer.class, agent.host) == 0; i++) {
            Thread.sleep(100);
        }
        project = "pn-" + UUID.randomUUID().toString().substring(0, 8);
        token = member(project);
        flavor = "fn-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                + "\", \"ram\": 256, \"vcpus\": 1, \"disk\": 1}}").status()).isEqualTo(200);
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.close();
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host = ?", agent.host);
    }

    Reply create(String networks) throws Exception {
        return post(token, "/v2.1/servers", "{\"server\": {\"name\": \"vm\", \"imageRef\": \"" + FakeImageService.IMAGE
                + "\", \"flavorRef\": \"" + flavor + "\"" + (networks == null ? "" : ", \"networks\": " + networks)
                + "}}");
    }

    String boot(String networks) throws Exception {
        Reply r = create(networks);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().at("/server/id").asString();
    }

    void deleteAndAwait(String id) throws Exception {
        assertThat(call(token, "DELETE", "/v2.1/servers/" + id, null).status()).isEqualTo(204);
        agent.succeeded(agent.next(DeleteInstance.class), "delete", PowerState.NOSTATE);
        for (int i = 0; i < 600 && get(token, "/v2.1/servers/" + id).status() != 404; i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void withoutNetworksTheProjectsOnlyNetworkIsTakenAndNoneMeansNoNic() throws Exception {
        String none = boot(null);
        assertThat(agent.next(SpawnInstance.class).nics()).isEmpty();
        assertThat(get(token, "/v2.1/servers/" + none).json().at("/server/addresses").size()).isZero();

        String net = NEUTRON.network(project, "private", false);
        String id = boot(null);
        SpawnInstance spawn = agent.next(SpawnInstance.class);
        assertThat(spawn.nics()).hasSize(1);
        NicSpec nic = spawn.nics().get(0);
        assertThat(nic.networkId()).isEqualTo(net);
        assertThat(nic.mtu()).isEqualTo(1450);
        assertThat(nic.binding()).containsEntry("bridge_name", "brq" + net.substring(0, 11))
                .containsEntry("devname", "tap" + nic.portId().substring(0, 11));
        assertThat(nic.fixedIps().get(0).cidr()).isEqualTo("10.0.0.0/24");
        assertThat(nic.fixedIps().get(0).gatewayIp()).isEqualTo("10.0.0.1");

        // created with the user's token, bound with compute's own
        assertThat(NEUTRON.calls).anyMatch(c -> c.method().equals("POST") && c.token().equals(token));
        JsonNode port = NEUTRON.ports.get(nic.portId());
        assertThat(port.get("binding:host_id").asString()).isEqualTo(agent.host);
        assertThat(port.get("device_id").asString()).isEqualTo(id);
        assertThat(port.get("device_owner").asString()).isEqualTo("compute:nova");
        assertThat(NEUTRON.calls).anyMatch(c -> c.method().equals("PUT") && c.path().endsWith(nic.portId())
                && c.token().equals(FakeNetworkService.SERVICE_TOKEN));

        agent.succeeded(spawn, "spawn", PowerState.RUNNING);
        Reply shown = get(token, "/v2.1/servers/" + id).valid("v2_1.servers", "get_server");
        JsonNode address = shown.json().at("/server/addresses/private/0");
        assertThat(address.get("addr").asString()).isEqualTo(nic.fixedIps().get(0).ipAddress());
        assertThat(address.get("version").asInt()).isEqualTo(4);
        assertThat(address.get("OS-EXT-IPS:type").asString()).isEqualTo("fixed");
        assertThat(address.get("OS-EXT-IPS-MAC:mac_addr").asString()).isEqualTo(nic.macAddress());
        // update and rebuild answers and os-ips show address and version only (Nova's extend_address=False)
        assertThat(call(token, "PUT", "/v2.1/servers/" + id, "{\"server\": {\"name\": \"vm2\"}}")
                .valid("v2_1.servers", "update_server").json().at("/server/addresses/private/0/addr").asString())
                .isEqualTo(nic.fixedIps().get(0).ipAddress());
        get(token, "/v2.1/servers/" + id + "/ips/private").valid("v2_1.servers", "list_addresses_by_network");
        assertThat(get(token, "/v2.1/servers/" + id + "/ips").valid("v2_1.servers", "list_addresses").json()
                .at("/addresses/private/0/addr").asString())
                .isEqualTo(nic.fixedIps().get(0).ipAddress());
        assertThat(get(token, "/v2.1/servers/" + id + "/ips/private").json().at("/private/0/addr").asString())
                .isEqualTo(nic.fixedIps().get(0).ipAddress());
        assertThat(get(token, "/v2.1/servers/" + id + "/ips/other").status()).isEqualTo(404);

        // the port compute made goes with the server
        deleteAndAwait(id);
        for (int i = 0; i < 100 && NEUTRON.ports.containsKey(nic.portId()); i++) {
            Thread.sleep(100);
        }
        assertThat(NEUTRON.ports).doesNotContainKey(nic.portId());

        assertThat(create("\"none\"").status()).isEqualTo(400); // "none" is 2.37
    }

    @Test
    void securityGroupsAreTheProjectsOwnByNameOrIdAndAnUnknownOneIs400() throws Exception {
        NEUTRON.network(project, "sg-net", false);
        String web = NEUTRON.securityGroup(project, "web");
        NEUTRON.securityGroup("someone-else", "theirs");
        Reply unknown = post(token, "/v2.1/servers", "{\"server\": {\"name\": \"vm\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor
                + "\", \"security_groups\": [{\"name\": \"web\"}, {\"name\": \"theirs\"}]}}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.body()).contains("badRequest").contains("Security group theirs not found.");
        assertThat(agent.poll(300)).isNull();

        Reply ok = post(token, "/v2.1/servers", "{\"server\": {\"name\": \"vm\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor
                + "\", \"security_groups\": [{\"name\": \"web\"}, {\"name\": \"" + web + "\"}]}}")
                .valid("v2_1.servers", "create_server_with_admin_pass");
        assertThat(ok.status()).isEqualTo(202);
        assertThat(ok.json().at("/server/security_groups/0/name").asString()).isEqualTo("web");
        SpawnInstance spawn = agent.next(SpawnInstance.class);
        JsonNode port = NEUTRON.ports.get(spawn.nics().get(0).portId());
        assertThat(port.get("security_groups").size()).isEqualTo(1);
        assertThat(port.get("security_groups").get(0).asString()).isEqualTo(web);
        agent.succeeded(spawn, "spawn", PowerState.RUNNING);
        String id = ok.json().at("/server/id").asString();

        // the views show the groups on the server's ports by name (Nova asks Neutron), each once
        String db = NEUTRON.securityGroup(project, "db");
        ((tools.jackson.databind.node.ObjectNode) port).putArray("security_groups").add(web).add(db);
        Reply shown = get(token, "/v2.1/servers/" + id).valid("v2_1.servers", "get_server");
        assertThat(shown.json().at("/server/security_groups").toString())
                .isEqualTo("[{\"name\":\"web\"},{\"name\":\"db\"}]");
        Reply listed = get(token, "/v2.1/servers/detail").valid("v2_1.servers", "list_servers_detail");
        assertThat(listed.json().at("/servers/0/id").asString()).isEqualTo(id);
        assertThat(listed.json().at("/servers/0/security_groups").toString())
                .isEqualTo("[{\"name\":\"web\"},{\"name\":\"db\"}]");
        // os-security-groups of the server: both groups, read from the network service in one call, with their
        // rules (a rule naming its own group as the remote one takes the name from that same read)
        NEUTRON.securityGroups.get(web).putArray("security_group_rules")
                .addObject().put("id", UUID.randomUUID().toString()).put("security_group_id", web)
                .put("direction", "ingress").put("protocol", "tcp").put("port_range_min", 22)
                .put("port_range_max", 22).put("remote_group_id", web);
        int before = NEUTRON.calls.size();
        Reply groups = get(token, "/v2.1/servers/" + id + "/os-security-groups");
        assertThat(groups.status()).as(groups.body()).isEqualTo(200);
        assertThat(groups.json().at("/security_groups/0/name").asString()).isEqualTo("web");
        assertThat(groups.json().at("/security_groups/0/rules/0/from_port").asInt()).isEqualTo(22);
        assertThat(groups.json().at("/security_groups/0/rules/0/group/name").asString()).isEqualTo("web");
        assertThat(groups.json().at("/security_groups/1/name").asString()).isEqualTo("db");
        assertThat(NEUTRON.calls.subList(before, NEUTRON.calls.size()).stream()
                .filter(c -> c.path().startsWith("/v2.0/security-groups")).count())
                .as("one read of the network service's groups").isEqualTo(1);
        // with no group left the key is absent (Tempest's test_remove_server_all_security_groups)
        ((tools.jackson.databind.node.ObjectNode) port).putArray("security_groups");
        assertThat(get(token, "/v2.1/servers/" + id).json().path("server").has("security_groups")).isFalse();
        assertThat(get(token, "/v2.1/servers/detail").json().at("/servers/0").has("security_groups")).isFalse();
        deleteAndAwait(id);
    }

    @Test
    void severalNetworksAre409AndUnknownNetworksOrPortsAre400() throws Exception {
        NEUTRON.network(project, "one", false);
        NEUTRON.network(project, "two", false);
        Reply ambiguous = create(null);
        assertThat(ambiguous.status()).isEqualTo(409);
        assertThat(ambiguous.body()).contains("Multiple possible networks found, use a Network ID to be more specific.");

        String missing = UUID.randomUUID().toString();
        Reply unknown = create("[{\"uuid\": \"" + missing + "\"}]");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("badRequest").contains("Network " + missing + " could not be found.");
        Reply noPort = create("[{\"port\": \"" + missing + "\"}]");
        assertThat(noPort.status()).isEqualTo(400);
        assertThat(noPort.body()).contains("Port id " + missing + " could not be found.");
        assertThat(agent.poll(300)).isNull();
    }

    @Test
    void aFixedIpIsAskedForAndAUsersOwnPortIsUnboundNotDeleted() throws Exception {
        String net = NEUTRON.network(project, "mine", false);
        String fixed = boot("[{\"uuid\": \"" + net + "\", \"fixed_ip\": \"10.0.0.200\"}]");
        assertThat(agent.next(SpawnInstance.class).nics().get(0).fixedIps().get(0).ipAddress())
                .isEqualTo("10.0.0.200");
        Reply inUse = create("[{\"uuid\": \"" + net + "\", \"fixed_ip\": \"10.0.0.200\"}]");
        assertThat(inUse.status()).isEqualTo(400);
        assertThat(inUse.body()).contains("Fixed IP address 10.0.0.200 is already in use");

        String own = NEUTRON.port(project, net);
        String id = boot("[{\"port\": \"" + own + "\"}]");
        SpawnInstance spawn = agent.next(SpawnInstance.class);
        assertThat(spawn.nics().get(0).portId()).isEqualTo(own);
        assertThat(NEUTRON.ports.get(own).get("device_id").asString()).isEqualTo(id);
        Reply taken = create("[{\"port\": \"" + own + "\"}]");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body()).contains("Port " + own + " is still in use.");

        agent.succeeded(spawn, "spawn", PowerState.RUNNING);
        deleteAndAwait(id);
        for (int i = 0; i < 100 && !NEUTRON.ports.get(own).get("device_id").asString().isEmpty(); i++) {
            Thread.sleep(100);
        }
        JsonNode after = NEUTRON.ports.get(own);
        assertThat(after).isNotNull();
        assertThat(after.get("device_id").asString()).isEmpty();
        assertThat(after.get("binding:host_id").asString()).isEmpty();
        assertThat(fixed).isNotEqualTo(id);
    }
}
