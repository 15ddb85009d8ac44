package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.ConsoleOutputRequested;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.SnapshotInstance;
import io.nubo.shared.events.compute.SpawnInstance;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/** Servers end to end over the real broker: create, schedule, spawn report, actions, console, delete. */
@org.junit.jupiter.api.Tag("integration")
class ServerApiTest extends ComputeHttpTest {

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
        awaitHost(agent.host);
        project = "ps-" + UUID.randomUUID().toString().substring(0, 8);
        token = member(project);
        flavor = "fl-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                + "\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1}}").status()).isEqualTo(200);
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.close();
        // other tests' schedulers must not place on this host any more
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host = ?", agent.host);
    }

    void awaitHost(String host) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?", Integer.class, host);
            if (n != null && n > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("host " + host + " never registered");
    }

    Reply awaitStatus(String id, String status) throws Exception {
        Reply r = null;
        for (int i = 0; i < 600; i++) {
            r = get(token, "/v2.1/servers/" + id);
            if (r.status() == 200 && r.json().at("/server/status").asString().equals(status)) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server " + id + " never reached " + status + ": " + r.body());
    }

    String boot(String name) throws Exception {
        Reply r = post(token, "/v2.1/servers", "{\"server\": {\"name\": \"" + name + "\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        r.valid("v2_1.servers", "create_server_with_admin_pass");
        return r.json().at("/server/id").asString();
    }

    @Test
    void bootReachesActiveThroughTheAgentsReportAndActionsFollowTheStateMachine() throws Exception {
        String id = boot("web one");
        SpawnInstance spawn = agent.next(SpawnInstance.class);
        assertThat(spawn.instanceId()).isEqualTo(id);
        assertThat(spawn.image().id()).isEqualTo(FakeImageService.IMAGE);
        assertThat(spawn.image().properties()).containsEntry("hw_disk_bus", "virtio");
        assertThat(spawn.flavor().ramMb()).isEqualTo(512);
        assertThat(spawn.hostname()).isEqualTo("web-one");
        assertThat(IMAGES.tokens).contains(token);

        Reply building = get(token, "/v2.1/servers/" + id).valid("v2_1.servers", "get_server");
        assertThat(building.json().at("/server/status").asString()).isEqualTo("BUILD");
        assertThat(building.json().at("/server/OS-EXT-STS:task_state").asString()).isEqualTo("spawning");
        assertThat(building.json().at("/server").has("OS-EXT-SRV-ATTR:host")).isFalse();

        agent.succeeded(spawn, "spawn", PowerState.RUNNING);
        Reply active = awaitStatus(id, "ACTIVE").valid("v2_1.servers", "get_server");
        assertThat(active.json().at("/server/OS-EXT-STS:power_state").asInt()).isEqualTo(1);
        assertThat(active.json().at("/server/OS-SRV-USG:launched_at").isNull()).isFalse();
        Reply asAdmin = get(ADMIN, "/v2.1/servers/" + id).valid("v2_1.servers", "get_server");
        assertThat(asAdmin.json().at("/server/OS-EXT-SRV-ATTR:host").asString()).isEqualTo(agent.host);
        assertThat(get(member("stranger"), "/v2.1/servers/" + id).status()).isEqualTo(404);

        // stop, and a second action while the first is in flight loses with 409
        assertThat(post(token, "/v2.1/servers/" + id + "/action", "{\"os-stop\": null}").status()).isEqualTo(202);
        Reply loser = post(token, "/v2.1/servers/" + id + "/action", "{\"reboot\": {\"type\": \"HARD\"}}");
        assertThat(loser.status()).isEqualTo(409);
        assertThat(loser.body()).contains("conflictingRequest").contains("task_state powering-off");
        PowerAction stop = agent.next(PowerAction.class);
        assertThat(stop.action()).isEqualTo(PowerAction.Action.STOP);
        agent.succeeded(stop, "stop", PowerState.SHUTDOWN);
        awaitStatus(id, "SHUTOFF");
        assertThat(post(token, "/v2.1/servers/" + id + "/action", "{\"pause\": null}").status()).isEqualTo(409);

        // a start that fails is reverted with a fault, and the server stays SHUTOFF
        assertThat(post(token, "/v2.1/servers/" + id + "/action", "{\"os-start\": null}").status()).isEqualTo(202);
        PowerAction start = agent.next(PowerAction.class);
        agent.failed(start, "start", "libvirt refused to start the domain");
        for (int i = 0; i < 600; i++) {
            Reply r = get(token, "/v2.1/servers/" + id);
            if (r.json().at("/server/OS-EXT-STS:task_state").isNull()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(get(token, "/v2.1/servers/" + id).json().at("/server/status").asString()).isEqualTo("SHUTOFF");
        Reply actions = get(token, "/v2.1/servers/" + id + "/os-instance-actions")
                .valid("v2_1.servers", "list_instance_actions");
        assertThat(actions.body()).contains("\"create\"").contains("\"stop\"").contains("\"start\"");
        String startRequest = null;
        for (var a : actions.json().get("instanceActions")) {
            if (a.get("action").asString().equals("start")) {
                startRequest = a.get("request_id").asString();
            }
        }
        Reply startAction = get(ADMIN, "/v2.1/servers/" + id + "/os-instance-actions/" + startRequest)
                .valid("v2_1.servers", "show_instance_action");
        assertThat(startAction.json().at("/instanceAction/events/0/result").asString()).isEqualTo("Error");

        // start for real, then a guest that powers itself off is seen as stopped
        assertThat(post(token, "/v2.1/servers/" + id + "/action", "{\"os-start\": null}").status()).isEqualTo(202);
        agent.succeeded(agent.next(PowerAction.class), "start", PowerState.RUNNING);
        awaitStatus(id, "ACTIVE");
        agent.observed(id, PowerState.SHUTDOWN);
        awaitStatus(id, "SHUTOFF");
        assertThat(post(token, "/v2.1/servers/" + id + "/action", "{\"os-start\": null}").status()).isEqualTo(202);
        agent.succeeded(agent.next(PowerAction.class), "start", PowerState.RUNNING);
        awaitStatus(id, "ACTIVE");

        // console output: request and answer over Kafka, correlated by id
        Thread answer = new Thread(() -> {
            try {
                ConsoleOutputRequested c = agent.next(ConsoleOutputRequested.class);
                agent.console(c, "login: ");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        answer.start();
        Reply console = post(token, "/v2.1/servers/" + id + "/action", "{\"os-getConsoleOutput\": {\"length\": 5}}");
        answer.join();
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.json().get("output").asString()).isEqualTo("login: ");
        // nobody answers: Nova-style error, not a hang
        Reply silent = post(token, "/v2.1/servers/" + id + "/action", "{\"os-getConsoleOutput\": {}}");
        assertThat(silent.status()).isEqualTo(504);
        agent.next(ConsoleOutputRequested.class);

        // snapshot: an image record through the image service, then the command
        Reply snap = post(token, "/v2.1/servers/" + id + "/action",
                "{\"createImage\": {\"name\": \"snap\", \"metadata\": {\"image_type\": \"test\"}}}");
        assertThat(snap.status()).isEqualTo(202);
        assertThat(snap.header("Location")).contains("/images/");
        SnapshotInstance s = agent.next(SnapshotInstance.class);
        assertThat(IMAGES.created).containsKey(s.imageId());
        assertThat(IMAGES.created.get(s.imageId())).as("the request's metadata over Nova's own properties")
                .contains("\"image_type\":\"test\"").contains("\"instance_uuid\":\"" + id + "\"");
        assertThat(s.userToken()).as("the agent uploads as the user").isEqualTo(token);
        assertThat(s.toString()).doesNotContain(token);
        agent.succeeded(s, "snapshot", PowerState.RUNNING);

        // createBackup: snapshots with Nova's backup properties; rotation 2 keeps the newest two of the type
        java.util.List<String> backups = new java.util.ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            await("no task", () -> server(id).get("OS-EXT-STS:task_state").isNull());
            Reply backup = post(token, "/v2.1/servers/" + id + "/action", "{\"createBackup\": {\"name\": \"b" + n
                    + "\", \"backup_type\": \"daily\", \"rotation\": 2}}");
            assertThat(backup.status()).as(backup.body()).isEqualTo(202);
            SnapshotInstance b = agent.next(SnapshotInstance.class);
            assertThat(backup.header("Location")).endsWith("/images/" + b.imageId());
            assertThat(IMAGES.created.get(b.imageId())).contains("\"image_type\":\"backup\"")
                    .contains("\"backup_type\":\"daily\"").contains("\"instance_uuid\":\"" + id + "\"");
            backups.add(b.imageId());
            agent.succeeded(b, "snapshot", PowerState.RUNNING);
        }
        assertThat(IMAGES.deleted).as("the oldest beyond the rotation").contains(backups.get(0))
                .doesNotContain(backups.get(1), backups.get(2));
        assertThat(post(token, "/v2.1/servers/" + id + "/action", "{\"createBackup\": {\"name\": \"b\","
                + " \"backup_type\": \"daily\", \"rotation\": -1}}").status()).isEqualTo(400);
        assertThat(post(token, "/v2.1/servers/" + id + "/action", "{\"createBackup\": {\"name\": \"b\","
                + " \"rotation\": 1}}").status()).isEqualTo(400);
        await("no task", () -> server(id).get("OS-EXT-STS:task_state").isNull());

        // lock: the owner can no longer act, until unlocked
        for (int i = 0; i < 600 && !get(token, "/v2.1/servers/" + id).json().at("/server/OS-EXT-STS:task_state")
                .isNull(); i++) {
            Thread.sleep(100);
        }
        assertThat(post(token, "/v2.1/servers/" + id + "/action", "{\"lock\": {}}").status()).isEqualTo(202);
        assertThat(post(token, "/v2.1/servers/" + id + "/action", "{\"pause\": {}}").status())
                .as("as Nova at 2.1, pause takes any body (Tempest sends {})").isEqualTo(409);
        assertThat(post(token, "/v2.1/servers/" + id + "/action", "{\"unlock\": null}").status()).isEqualTo(202);

        // os-resetState: admins only, any state to active or error, the task cleared
        assertThat(post(token, "/v2.1/servers/" + id + "/action", "{\"os-resetState\": {\"state\": \"error\"}}")
                .status()).isEqualTo(403);
        assertThat(post(ADMIN, "/v2.1/servers/" + id + "/action", "{\"os-resetState\": {\"state\": \"bad\"}}")
                .status()).isEqualTo(400);
        assertThat(post(ADMIN, "/v2.1/servers/" + id + "/action", "{\"os-resetState\": {\"state\": \"error\"}}")
                .status()).isEqualTo(202);
        assertThat(get(token, "/v2.1/servers/" + id).json().at("/server/status").asString()).isEqualTo("ERROR");
        assertThat(post(ADMIN, "/v2.1/servers/" + id + "/action", "{\"os-resetState\": {\"state\": \"active\"}}")
                .status()).isEqualTo(202);
        assertThat(get(token, "/v2.1/servers/" + id).json().at("/server/status").asString()).isEqualTo("ACTIVE");
        assertThat(post(ADMIN, "/v2.1/servers/no-such/action", "{\"os-resetState\": {\"state\": \"active\"}}")
                .status()).isEqualTo(404);

        // update (accessIPv6 in its canonical form, as Nova's IP column gives it back), metadata, list, delete
        assertThat(call(token, "PUT", "/v2.1/servers/" + id, "{\"server\": {\"accessIPv6\": "
                + "\"0000:0000:0000:0000:0000:babe:220.12.22.2\"}}").json().at("/server/accessIPv6").asString())
                .isEqualTo("::babe:dc0c:1602");
        call(token, "PUT", "/v2.1/servers/" + id, "{\"server\": {\"name\": \"renamed\"}}")
                .valid("v2_1.servers", "update_server");
        assertThat(post(token, "/v2.1/servers/" + id + "/metadata", "{\"metadata\": {\"a\": \"1\"}}").status())
                .isEqualTo(200);
        assertThat(get(token, "/v2.1/servers/" + id + "/metadata/a").json().at("/meta/a").asString()).isEqualTo("1");
        get(token, "/v2.1/servers").valid("v2_1.servers", "list_servers");
        Reply list = get(token, "/v2.1/servers/detail?name=%5Eren").valid("v2_1.servers", "list_servers_detail");
        assertThat(list.json().get("servers").size()).isEqualTo(1);
        assertThat(get(token, "/v2.1/servers/detail?status=SHUTOFF").json().get("servers").size()).isZero();
        assertThat(get(token, "/v2.1/servers?all_tenants=1").status()).isEqualTo(403);
        assertThat(get(ADMIN, "/v2.1/servers/detail?all_tenants=1").body()).contains(id);
        assertThat(get(ADMIN, "/v2.1/servers/detail?tenant_id=" + project).body())
                .as("as Nova: tenant_id alone does not reach into another project").doesNotContain(id);
        assertThat(get(ADMIN, "/v2.1/servers/detail?all_tenants=1&tenant_id=" + project).body()).contains(id);

        // os-server-password: no metadata service, so no guest ever posted one
        assertThat(get(token, "/v2.1/servers/" + id + "/os-server-password").valid("v2_1.servers", "show_password")
                .json().get("password").asString()).isEmpty();
        assertThat(call(token, "DELETE", "/v2.1/servers/" + id + "/os-server-password", null).status())
                .isEqualTo(204);
        assertThat(get(member("p-other"), "/v2.1/servers/" + id + "/os-server-password").status()).isEqualTo(404);

        // os-deferred-delete: nothing is soft-deleted, so restore is a 409 and forceDelete a delete
        Reply restore = post(token, "/v2.1/servers/" + id + "/action", "{\"restore\": null}");
        assertThat(restore.status()).isEqualTo(409);
        assertThat(restore.body()).contains("Cannot 'restore' instance " + id + " while it is in vm_state active");
        assertThat(post(token, "/v2.1/servers/no-such/action", "{\"forceDelete\": null}").status()).isEqualTo(404);
        assertThat(post(token, "/v2.1/servers/" + id + "/action", "{\"forceDelete\": null}").status())
                .isEqualTo(202);
        DeleteInstance del = agent.next(DeleteInstance.class);
        assertThat(call(token, "DELETE", "/v2.1/servers/" + id, null).status())
                .as("a second delete while deleting is accepted, as Nova's").isEqualTo(204);
        agent.succeeded(del, "delete", PowerState.NOSTATE);
        for (int i = 0; i < 600 && get(token, "/v2.1/servers/" + id).status() != 404; i++) {
            Thread.sleep(100);
        }
        assertThat(get(token, "/v2.1/servers/" + id).status()).isEqualTo(404);
        Integer claimed = jdbc.queryForObject("SELECT memory_mb_claimed FROM compute_hosts WHERE host = ?",
                Integer.class, agent.host);
        assertThat(claimed).isZero();
    }

    @Test
    void badInputIsNovas400AndQuotaIs403() throws Exception {
        String base = "{\"server\": {\"name\": \"x\", \"imageRef\": \"" + FakeImageService.IMAGE
                + "\", \"flavorRef\": \"" + flavor + "\"";
        assertThat(post(token, "/v2.1/servers", base.replace(FakeImageService.IMAGE, UUID.randomUUID().toString())
                + "}}").body()).contains("badRequest").contains("Can not find requested image");
        assertThat(post(token, "/v2.1/servers", base.replace(flavor, "nope") + "}}").status()).isEqualTo(400);
        assertThat(post(token, "/v2.1/servers", base.replace(FakeImageService.IMAGE, FakeImageService.BIG_IMAGE)
                + "}}").body()).contains("too small");
        assertThat(post(token, "/v2.1/servers", base + ", \"key_name\": \"missing\"}}").status()).isEqualTo(400);
        assertThat(post(token, "/v2.1/servers", base + ", \"networks\": [{\"uuid\": \"n1\"}]}}").body())
                .contains("no network service");
        assertThat(post(token, "/v2.1/servers", base + ", \"block_device_mapping_v2\": [{\"boot_index\": 0,"
                + " \"uuid\": \"v\", \"source_type\": \"volume\", \"destination_type\": \"volume\"}]}}").body())
                .contains("Block Device Mapping is Invalid: failed to get volume v.");
        assertThat(post(token, "/v2.1/servers", base + ", \"user_data\": \"%%%\"}}").status()).isEqualTo(400);
        assertThat(post(token, "/v2.1/servers", base + ", \"bogus\": 1}}").status()).isEqualTo(400);
        assertThat(post(token, "/v2.1/servers", "{\"server\": {\"imageRef\": \"x\"}}").status()).isEqualTo(400);
        assertThat(post(token, "/v2.1/servers", "not json").status()).isEqualTo(400);
        assertThat(post(token, "/v2.1/servers/" + UUID.randomUUID() + "/action", "{\"os-start\": null}").status())
                .isEqualTo(404);

        call(ADMIN, "PUT", "/v2.1/os-quota-sets/" + project, "{\"quota_set\": {\"instances\": 1}}");
        boot("one");
        Reply over = post(token, "/v2.1/servers", base + "}}");
        assertThat(over.status()).isEqualTo(403);
        assertThat(over.body()).contains("Quota exceeded for instances");
    }

    @Test
    void noValidHostIsAnErrorWhoseFaultSaysWhy() throws Exception {
        String huge = "fl-huge-" + UUID.randomUUID().toString().substring(0, 6);
        post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + huge + "\", \"id\": \"" + huge
                + "\", \"ram\": 40000, \"vcpus\": 1, \"disk\": 1}}");
        Reply r = post(token, "/v2.1/servers", "{\"server\": {\"name\": \"big\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + huge + "\"}}");
        assertThat(r.status()).isEqualTo(202);
        String id = r.json().at("/server/id").asString();
        Reply err = awaitStatus(id, "ERROR").valid("v2_1.servers", "get_server");
        assertThat(err.json().at("/server/fault/message").asString()).startsWith("No valid host was found.")
                .contains(agent.host + " lacks 31808 MiB RAM");
        assertThat(call(token, "DELETE", "/v2.1/servers/" + id, null).status()).isEqualTo(204);
        assertThat(get(token, "/v2.1/servers/" + id).status()).isEqualTo(404);
    }
}
