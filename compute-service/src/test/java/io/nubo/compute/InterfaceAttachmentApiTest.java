package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.AttachInterface;
import io.nubo.shared.events.compute.DetachInterface;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.SpawnInstance;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * os-interface over the real broker and a Neutron stand-in: attach by network (with a fixed IP) or by the user's
 * port, the agent's attach_interface command carrying the bound NIC, Nova 2.1's shapes (Tempest's schemas) and
 * codes (200 attach, 202 detach, 404, 409, 400), the port given back after the agent unplugs it, and a failed plug
 * giving the port back at once.
 */
@org.junit.jupiter.api.Tag("integration")
class InterfaceAttachmentApiTest extends ComputeHttpTest {

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
    String server;
    String base;

    @BeforeEach
    void activeServer() throws Exception {
        agent = new FakeAgent("ihost-" + UUID.randomUUID().toString().substring(0, 8), codec, kafka);
        agent.heartbeat(4, 8192, 100);
        for (int i = 0; i < 600 && jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?",
                Integer.class, agent.host) == 0; i++) {
            Thread.sleep(100);
        }
        project = "pi-" + UUID.randomUUID().toString().substring(0, 8);
        token = member(project);
        String flavor = "fi-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                + "\", \"ram\": 256, \"vcpus\": 1, \"disk\": 1}}").status()).isEqualTo(200);
        Reply created = post(token, "/v2.1/servers", "{\"server\": {\"name\": \"vm\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\", \"networks\": []}}");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        server = created.json().at("/server/id").asString();
        base = "/v2.1/servers/" + server + "/os-interface";
        agent.succeeded(agent.next(SpawnInstance.class), "spawn", PowerState.RUNNING);
        for (int i = 0; i < 600 && !get(token, "/v2.1/servers/" + server).json().at("/server/status").asString()
                .equals("ACTIVE"); i++) {
            Thread.sleep(100);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.close();
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host = ?", agent.host);
    }

    CompletableFuture<Reply> attachAsync(String body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return post(token, base, body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void attachByNetworkAndByPortThenDetachGivesThePortsBack() throws Exception {
        String net = NEUTRON.network(project, "second", false);
        CompletableFuture<Reply> pending = attachAsync("{\"interfaceAttachment\": {\"net_id\": \"" + net
                + "\", \"fixed_ips\": [{\"ip_address\": \"10.0.0.77\"}]}}");
        AttachInterface cmd = agent.next(AttachInterface.class);
        assertThat(cmd.instanceId()).isEqualTo(server);
        assertThat(cmd.nic().networkId()).isEqualTo(net);
        assertThat(cmd.nic().fixedIps().get(0).ipAddress()).isEqualTo("10.0.0.77");
        assertThat(cmd.nic().binding()).containsEntry("bridge_name", "brq" + net.substring(0, 11));
        String made = cmd.nic().portId();
        // bound as compute's service user, to this server on its host, before the agent was asked
        assertThat(NEUTRON.ports.get(made).path("device_id").asString()).isEqualTo(server);
        assertThat(NEUTRON.ports.get(made).path("binding:host_id").asString()).isEqualTo(agent.host);
        agent.succeeded(cmd, "attach_interface", PowerState.RUNNING);
        Reply attached = pending.get(30, TimeUnit.SECONDS).valid("v2_1.interfaces", "get_create_interfaces");
        assertThat(attached.status()).isEqualTo(200);
        assertThat(attached.json().at("/interfaceAttachment/port_id").asString()).isEqualTo(made);
        assertThat(attached.json().at("/interfaceAttachment/net_id").asString()).isEqualTo(net);
        assertThat(attached.json().at("/interfaceAttachment/fixed_ips/0/ip_address").asString())
                .isEqualTo("10.0.0.77");
        assertThat(attached.json().at("/interfaceAttachment/port_state").asString()).isEqualTo("ACTIVE");

        String own = NEUTRON.port(project, net);
        CompletableFuture<Reply> byPort = attachAsync("{\"interfaceAttachment\": {\"port_id\": \"" + own + "\"}}");
        AttachInterface second = agent.next(AttachInterface.class);
        assertThat(second.nic().portId()).isEqualTo(own);
        agent.succeeded(second, "attach_interface", PowerState.RUNNING);
        assertThat(byPort.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);

        Reply list = get(token, base).valid("v2_1.interfaces", "list_interfaces");
        assertThat(list.json().at("/interfaceAttachments").size()).isEqualTo(2);
        get(token, base + "/" + own).valid("v2_1.interfaces", "get_create_interfaces");
        assertThat(get(token, "/v2.1/servers/" + server).json().at("/server/addresses/second").size()).isEqualTo(2);
        // the port is taken: a second attach of it is Nova's 409
        Reply again = post(token, base, "{\"interfaceAttachment\": {\"port_id\": \"" + own + "\"}}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().at("/conflictingRequest/message").asString()).isEqualTo("Port " + own
                + " is still in use.");

        assertThat(call(token, "DELETE", base + "/" + made, null).status()).isEqualTo(202);
        DetachInterface unplug = agent.next(DetachInterface.class);
        assertThat(unplug.portId()).isEqualTo(made);
        agent.succeeded(unplug, "detach_interface", PowerState.RUNNING);
        assertThat(call(token, "DELETE", base + "/" + own, null).status()).isEqualTo(202);
        agent.succeeded(agent.next(DetachInterface.class), "detach_interface", PowerState.RUNNING);
        for (int i = 0; i < 300 && (NEUTRON.ports.containsKey(made)
                || !NEUTRON.ports.get(own).path("device_id").asString().isEmpty()); i++) {
            Thread.sleep(100);
        }
        // the port compute made is deleted, the user's own is unbound and stays
        assertThat(NEUTRON.ports).doesNotContainKey(made);
        assertThat(NEUTRON.ports.get(own).path("device_id").asString()).isEmpty();
        assertThat(get(token, base).json().at("/interfaceAttachments").size()).isZero();
    }

    @Test
    void aFailedPlugGivesThePortBackAndBadRequestsAreNovas() throws Exception {
        String net = NEUTRON.network(project, "third", false);
        CompletableFuture<Reply> pending = attachAsync("{\"interfaceAttachment\": {\"net_id\": \"" + net + "\"}}");
        AttachInterface cmd = agent.next(AttachInterface.class);
        agent.failed(cmd, "attach_interface", "libvirt refused the NIC");
        Reply failed = pending.get(30, TimeUnit.SECONDS);
        assertThat(failed.status()).isEqualTo(409);
        assertThat(failed.body()).contains("libvirt refused the NIC");
        assertThat(NEUTRON.ports).doesNotContainKey(cmd.nic().portId());

        String unknown = UUID.randomUUID().toString();
        Reply noNet = post(token, base, "{\"interfaceAttachment\": {\"net_id\": \"" + unknown + "\"}}");
        assertThat(noNet.status()).isEqualTo(404);
        assertThat(noNet.json().at("/itemNotFound/message").asString()).isEqualTo("Network " + unknown
                + " could not be found.");
        Reply noPort = post(token, base, "{\"interfaceAttachment\": {\"port_id\": \"" + unknown + "\"}}");
        assertThat(noPort.status()).isEqualTo(404);
        assertThat(post(token, base, "{\"interfaceAttachment\": {\"net_id\": \"" + net + "\", \"port_id\": \""
                + unknown + "\"}}").status()).isEqualTo(400);
        assertThat(post(token, base, "{\"interfaceAttachment\": {\"port_id\": \"" + unknown + "\", \"fixed_ips\":"
                + " [{\"ip_address\": \"10.0.0.9\"}]}}").status()).isEqualTo(400);
        assertThat(post(token, base, "{\"interfaceAttachment\": {\"bogus\": 1}}").status()).isEqualTo(400);
        assertThat(call(token, "DELETE", base + "/" + unknown, null).status()).isEqualTo(404);
        assertThat(get(token, base + "/" + unknown).status()).isEqualTo(404);
        assertThat(get(member("other-" + project), base).status()).isEqualTo(404);

        // while a stop is in flight the server is in a task: 409
        assertThat(post(token, "/v2.1/servers/" + server + "/action", "{\"os-stop\": null}").status())
                .isEqualTo(202);
        agent.next(PowerAction.class);
        Reply busy = post(token, base, "{\"interfaceAttachment\": {\"net_id\": \"" + net + "\"}}");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().at("/conflictingRequest/message").asString())
                .startsWith("Cannot 'attach_interface' instance " + server + " while it is in task_state");
    }
}
