package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.SnapshotInstance;
import io.nubo.shared.events.compute.SpawnInstance;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * shelve, shelveOffload and unshelve over a fake host on the real broker, as Nova with shelved_offload_time 0: the
 * stop and the snapshot into "name-shelved" (the caller's token), then the guest's delete, shelved_offloaded with no
 * host and the claim given back; unshelve onto a host (no host: it stays offloaded with a fault) and the shelved image
 * deleted once the guest runs; Nova's 409s (state, lock, shelveOffload of an offloaded server), 403, 404, 400; a
 * failed snapshot that leaves the server as it was; the instance actions.
 */
@org.junit.jupiter.api.Tag("integration")
class ShelveApiTest extends ComputeHttpTest {

    @Autowired
    EventCodec codec;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    FakeAgent agent;
    String token;
    String flavor;

    @BeforeEach
    void setUp() throws Exception {
        // only this class's host takes its servers (the database is shared with other classes)
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE");
        agent = new FakeAgent("sh-" + UUID.randomUUID().toString().substring(0, 8), codec, kafka);
        agent.heartbeat(4, 4096, 50);
        await("host", () -> jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?", Integer.class,
                agent.host) > 0);
        token = member("psh-" + UUID.randomUUID().toString().substring(0, 8));
        flavor = "fsh-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                + "\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1}}").status()).isEqualTo(200);
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.close();
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host = ?", agent.host);
    }

    private long ramClaimed() {
        return jdbc.queryForObject("SELECT memory_mb_claimed FROM compute_hosts WHERE host = ?", Long.class,
                agent.host);
    }

    private Map<String, Object> systemMetadata(String id) {
        Map<String, Object> m = new java.util.HashMap<>();
        jdbc.query("SELECT meta_key, meta_value FROM instance_system_metadata WHERE instance_id = ?",
                rs -> {
                    m.put(rs.getString(1), rs.getString(2));
                }, id);
        return m;
    }

    private Reply action(String caller, String id, String body) throws Exception {
        return post(caller, "/v2.1/servers/" + id + "/action", body);
    }

    private String taskState(String id) {
        JsonNode t = server(id).get("OS-EXT-STS:task_state");
        return t == null || t.isNull() ? null : t.asString();
    }

    private String boot(String name) throws Exception {
        Reply boot = post(token, "/v2.1/servers", "{\"server\": {\"name\": \"" + name + "\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\"}}");
        assertThat(boot.status()).as(boot.body()).isEqualTo(202);
        String id = boot.json().at("/server/id").asString();
        agent.succeeded(agent.next(SpawnInstance.class), "spawn", PowerState.RUNNING);
        await("ACTIVE", () -> server(id).get("status").asString().equals("ACTIVE"));
        return id;
    }

    private static String conflict(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        return r.json().at("/conflictingRequest/message").asString();
    }

    @Test
    void shelveOffloadsTheServerAndUnshelveSpawnsItOnAHostFromTheShelvedImage() throws Exception {
        String id = boot("shelf");
        assertThat(ramClaimed()).isEqualTo(512L);

        assertThat(action(token, id, "{\"shelve\": null}").status()).isEqualTo(202);
        assertThat(taskState(id)).isEqualTo("shelving");
        assertThat(server(id).get("status").asString()).isEqualTo("ACTIVE");
        PowerAction stop = agent.next(PowerAction.class);
        assertThat(stop.action()).isEqualTo(PowerAction.Action.STOP);
        SnapshotInstance snap = agent.next(SnapshotInstance.class);
        assertThat(snap.actionId()).isEqualTo(stop.actionId());
        assertThat(snap.userToken()).as("the upload is the caller's").isEqualTo(token);
        String image = snap.imageId();
        assertThat(IMAGES.created.get(image)).contains("\"name\":\"shelf-shelved\"")
                .contains("\"instance_uuid\":\"" + id + "\"");
        assertThat(systemMetadata(id)).containsEntry("shelved_image_id", image)
                .containsEntry("shelved_host", agent.host).containsKey("shelved_at");
        // another task cannot start meanwhile
        assertThat(conflict(action(token, id, "{\"os-stop\": null}")))
                .isEqualTo("Cannot 'stop' instance " + id + " while it is in task_state shelving");

        agent.succeeded(stop, "stop", PowerState.SHUTDOWN);
        await("pending upload", () -> "shelving_image_pending_upload".equals(taskState(id)));
        assertThat(agent.poll(300)).as("the delete waits for the image").isNull();
        agent.succeeded(snap, "snapshot", PowerState.SHUTDOWN);
        await("offloading", () -> "shelving_offloading".equals(taskState(id)));
        DeleteInstance delete = agent.next(DeleteInstance.class);
        assertThat(delete.actionId()).isEqualTo(stop.actionId());
        agent.succeeded(delete, "delete", PowerState.NOSTATE);
        await("SHELVED_OFFLOADED", () -> server(id).get("status").asString().equals("SHELVED_OFFLOADED"));

        JsonNode s = server(id);
        assertThat(s.get("OS-EXT-STS:vm_state").asString()).isEqualTo("shelved_offloaded");
        assertThat(s.get("OS-EXT-STS:task_state").isNull()).isTrue();
        assertThat(s.get("OS-EXT-STS:power_state").asInt()).isZero();
        // no host (the view leaves a null host out, as for a server that never got one)
        assertThat(s.path("OS-EXT-SRV-ATTR:host").asString(null)).isNull();
        assertThat(s.path("OS-EXT-SRV-ATTR:hypervisor_hostname").asString(null)).isNull();
        assertThat(jdbc.queryForObject("SELECT host FROM instances WHERE id = ?", String.class, id)).isNull();
        assertThat(ramClaimed()).as("the host's claim is given back").isZero();
        assertThat(IMAGES.deleted).doesNotContain(image);
        get(token, "/v2.1/servers/" + id).valid("v2_1.servers", "get_server");

        // Nova's refusals of an offloaded server
        assertThat(conflict(action(token, id, "{\"shelve\": {}}")))
                .isEqualTo("Cannot 'shelve' instance " + id + " while it is in vm_state shelved_offloaded");
        assertThat(conflict(action(ADMIN, id, "{\"shelveOffload\": null}")))
                .isEqualTo("Cannot 'shelveOffload' instance " + id + " while it is in vm_state shelved_offloaded");
        assertThat(action(token, id, "{\"shelveOffload\": null}").status()).as("admin only").isEqualTo(403);
        assertThat(conflict(action(token, id, "{\"os-start\": null}")))
                .isEqualTo("Cannot 'start' instance " + id + " while it is in vm_state shelved_offloaded");
        assertThat(action(member("p-stranger"), id, "{\"unshelve\": null}").status()).isEqualTo(404);
        assertThat(action(token, id, "{\"unshelve\": null, \"shelve\": null}").status()).isEqualTo(400);

        // no host can take it: the unshelve ends at once, the server stays offloaded with the reason
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host = ?", agent.host);
        assertThat(action(token, id, "{\"unshelve\": null}").status()).isEqualTo(202);
        s = server(id);
        assertThat(s.get("status").asString()).isEqualTo("SHELVED_OFFLOADED");
        assertThat(s.get("OS-EXT-STS:task_state").isNull()).isTrue();
        assertThat(s.path("OS-EXT-SRV-ATTR:host").asString(null)).isNull();
        assertThat(agent.poll(300)).isNull();
        jdbc.update("UPDATE compute_hosts SET disabled = FALSE WHERE host = ?", agent.host);

        // unshelve: a host claimed, the shelved image spawned with the server's flavor; Tempest's {} body is read as
        // Nova reads it below 2.77 (not at all)
        assertThat(action(token, id, "{\"unshelve\": {}}").status()).isEqualTo(202);
        assertThat(taskState(id)).isEqualTo("unshelving");
        SpawnInstance spawn = agent.next(SpawnInstance.class);
        assertThat(spawn.image().id()).isEqualTo(image);
        assertThat(spawn.flavor().id()).isEqualTo(flavor);
        assertThat(spawn.displayName()).isEqualTo("shelf");
        assertThat(server(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(agent.host);
        assertThat(ramClaimed()).isEqualTo(512L);
        agent.succeeded(spawn, "spawn", PowerState.RUNNING);
        await("ACTIVE", () -> server(id).get("status").asString().equals("ACTIVE"));
        assertThat(server(id).get("OS-EXT-STS:power_state").asInt()).isEqualTo(1);
        await("the shelved image deleted", () -> IMAGES.deleted.contains(image));
        assertThat(systemMetadata(id)).isEmpty();
        assertThat(conflict(action(token, id, "{\"unshelve\": null}")))
                .isEqualTo("Cannot 'unshelve' instance " + id + " while it is in vm_state active");

        Reply actions = get(token, "/v2.1/servers/" + id + "/os-instance-actions")
                .valid("v2_1.servers", "list_instance_actions");
        java.util.List<String> names = new java.util.ArrayList<>();
        String shelveRequest = null;
        for (JsonNode a : actions.json().get("instanceActions")) {
            names.add(a.get("action").asString());
            if (a.get("action").asString().equals("shelve")) {
                shelveRequest = a.get("request_id").asString();
            }
        }
        assertThat(names).contains("create", "shelve", "unshelve");
        assertThat(names.stream().filter("unshelve"::equals).count()).as("the one without a host too").isEqualTo(2);
        JsonNode shelveAction = get(ADMIN, "/v2.1/servers/" + id + "/os-instance-actions/" + shelveRequest)
                .valid("v2_1.servers", "show_instance_action").json().get("instanceAction");
        assertThat(shelveAction.at("/events/0/event").asString()).isEqualTo("compute_shelve_instance");
        assertThat(shelveAction.at("/events/0/result").asString()).isEqualTo("Success");

        // a shelved server deleted takes its image with it
        assertThat(action(token, id, "{\"shelve\": null}").status()).isEqualTo(202);
        PowerAction stop2 = agent.next(PowerAction.class);
        SnapshotInstance snap2 = agent.next(SnapshotInstance.class);
        agent.succeeded(stop2, "stop", PowerState.SHUTDOWN);
        agent.succeeded(snap2, "snapshot", PowerState.SHUTDOWN);
        agent.succeeded(agent.next(DeleteInstance.class), "delete", PowerState.NOSTATE);
        await("SHELVED_OFFLOADED", () -> server(id).get("status").asString().equals("SHELVED_OFFLOADED"));
        assertThat(call(token, "DELETE", "/v2.1/servers/" + id, null).status()).isEqualTo(204);
        assertThat(IMAGES.deleted).contains(snap2.imageId());
        assertThat(get(token, "/v2.1/servers/" + id).status()).isEqualTo(404);
        assertThat(agent.poll(300)).as("no host to ask").isNull();
    }

    @Test
    void wrongStatesLocksAndAFailedSnapshotLeaveTheServerAsItWas() throws Exception {
        String id = boot("shelf2");
        assertThat(action(member("p-stranger"), id, "{\"shelve\": null}").status()).isEqualTo(404);
        assertThat(action(token, UUID.randomUUID().toString(), "{\"shelve\": null}").status()).isEqualTo(404);
        assertThat(action(token, id, "{\"shelve\": null, \"lock\": null}").status()).isEqualTo(400);
        assertThat(conflict(action(token, id, "{\"unshelve\": null}")))
                .isEqualTo("Cannot 'unshelve' instance " + id + " while it is in vm_state active");
        assertThat(conflict(action(ADMIN, id, "{\"shelveOffload\": null}")))
                .isEqualTo("Cannot 'shelveOffload' instance " + id + " while it is in vm_state active");

        // locked: Nova's 409 before anything is made
        int images = IMAGES.created.size();
        assertThat(action(token, id, "{\"lock\": null}").status()).isEqualTo(202);
        assertThat(conflict(action(token, id, "{\"shelve\": null}"))).isEqualTo("Instance " + id + " is locked");
        assertThat(IMAGES.created).hasSize(images);
        assertThat(action(token, id, "{\"unlock\": null}").status()).isEqualTo(202);

        // a task in flight
        assertThat(action(token, id, "{\"os-stop\": null}").status()).isEqualTo(202);
        PowerAction stop = agent.next(PowerAction.class);
        assertThat(conflict(action(token, id, "{\"shelve\": null}")))
                .isEqualTo("Cannot 'shelve' instance " + id + " while it is in task_state powering-off");
        assertThat(IMAGES.created).hasSize(images);
        agent.succeeded(stop, "stop", PowerState.SHUTDOWN);
        await("SHUTOFF", () -> server(id).get("status").asString().equals("SHUTOFF"));

        // shelve from SHUTOFF, whose snapshot fails: the server stays as it was, its image and metadata gone
        assertThat(action(token, id, "{\"shelve\": null}").status()).isEqualTo(202);
        PowerAction stop2 = agent.next(PowerAction.class);
        SnapshotInstance snap = agent.next(SnapshotInstance.class);
        agent.succeeded(stop2, "stop", PowerState.SHUTDOWN);
        await("pending upload", () -> "shelving_image_pending_upload".equals(taskState(id)));
        agent.failed(snap, "snapshot", "the image service refused the upload");
        await("task ended", () -> taskState(id) == null);
        JsonNode s = server(id);
        assertThat(s.get("status").asString()).isEqualTo("SHUTOFF");
        assertThat(s.get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(agent.host);
        assertThat(ramClaimed()).isEqualTo(512L);
        await("the image deleted", () -> IMAGES.deleted.contains(snap.imageId()));
        assertThat(systemMetadata(id)).isEmpty();
        assertThat(agent.poll(300)).as("no delete after a failed snapshot").isNull();
        Reply actions = get(token, "/v2.1/servers/" + id + "/os-instance-actions");
        String shelveRequest = null;
        for (JsonNode a : actions.json().get("instanceActions")) {
            if (a.get("action").asString().equals("shelve")) {
                shelveRequest = a.get("request_id").asString();
            }
        }
        assertThat(get(ADMIN, "/v2.1/servers/" + id + "/os-instance-actions/" + shelveRequest).json()
                .at("/instanceAction/events/0/result").asString()).isEqualTo("Error");

        // PAUSED and SUSPENDED may be shelved too (the stop is sent whatever the power)
        assertThat(action(token, id, "{\"os-start\": null}").status()).isEqualTo(202);
        agent.succeeded(agent.next(PowerAction.class), "start", PowerState.RUNNING);
        await("ACTIVE", () -> server(id).get("status").asString().equals("ACTIVE"));
        assertThat(action(token, id, "{\"pause\": null}").status()).isEqualTo(202);
        agent.succeeded(agent.next(PowerAction.class), "pause", PowerState.PAUSED);
        await("PAUSED", () -> server(id).get("status").asString().equals("PAUSED"));
        assertThat(action(token, id, "{\"shelve\": null}").status()).isEqualTo(202);
        PowerAction stop3 = agent.next(PowerAction.class);
        assertThat(stop3.action()).isEqualTo(PowerAction.Action.STOP);
        agent.failed(stop3, "stop", "libvirt is gone");
        await("task ended", () -> taskState(id) == null);
        assertThat(server(id).get("status").asString()).isEqualTo("PAUSED");
    }

    @Test
    void aVolumeBackedServerIsShelvedWithoutAnImageAndUnshelvedWithItsVolumes() throws Exception {
        String root = UUID.randomUUID().toString();
        VOLUMES.status.put(root, "available");
        Reply boot = post(token, "/v2.1/servers", "{\"server\": {\"name\": \"vshelf\", \"imageRef\": \"\","
                + " \"flavorRef\": \"" + flavor + "\", \"block_device_mapping_v2\": [{\"boot_index\": 0, \"uuid\": \""
                + root + "\", \"source_type\": \"volume\", \"destination_type\": \"volume\"}]}}");
        assertThat(boot.status()).as(boot.body()).isEqualTo(202);
        String id = boot.json().at("/server/id").asString();
        agent.succeeded(agent.next(SpawnInstance.class), "spawn", PowerState.RUNNING);
        await("ACTIVE", () -> server(id).get("status").asString().equals("ACTIVE"));
        int images = IMAGES.created.size();

        assertThat(action(token, id, "{\"shelve\": null}").status()).isEqualTo(202);
        PowerAction stop = agent.next(PowerAction.class);
        assertThat(IMAGES.created).as("Nova makes no image of a volume-backed server").hasSize(images);
        agent.succeeded(stop, "stop", PowerState.SHUTDOWN);
        DeleteInstance delete = agent.next(DeleteInstance.class);
        assertThat(taskState(id)).isEqualTo("shelving_offloading");
        agent.succeeded(delete, "delete", PowerState.NOSTATE);
        await("SHELVED_OFFLOADED", () -> server(id).get("status").asString().equals("SHELVED_OFFLOADED"));
        assertThat(VOLUMES.status.get(root)).as("the volume stays attached").isEqualTo("in-use");
        assertThat(server(id).at("/os-extended-volumes:volumes_attached/0/id").asString()).isEqualTo(root);
        assertThat(systemMetadata(id)).doesNotContainKey("shelved_image_id").containsKey("shelved_host");
        assertThat(ramClaimed()).isZero();

        // 2.20: volumes attach to and detach from a shelved server with no host (nothing sent to an agent)
        String data = UUID.randomUUID().toString();
        VOLUMES.status.put(data, "available");
        String attachBody = "{\"volumeAttachment\": {\"volumeId\": \"" + data + "\"}}";
        Reply before = call(token, "POST", "/v2.1/servers/" + id + "/os-volume_attachments", attachBody,
                "X-OpenStack-Nova-API-Version", "2.19");
        assertThat(conflict(before)).isEqualTo("Cannot 'attach_volume' instance " + id
                + " while it is in vm_state shelved_offloaded");
        Reply attached = call(token, "POST", "/v2.1/servers/" + id + "/os-volume_attachments", attachBody,
                "X-OpenStack-Nova-API-Version", "2.20");
        assertThat(attached.status()).as(attached.body()).isEqualTo(200);
        assertThat(attached.json().at("/volumeAttachment/device").asString()).isEqualTo("/dev/vdb");
        assertThat(VOLUMES.status.get(data)).isEqualTo("in-use");
        assertThat(VOLUMES.actions(data)).containsExactly("os-reserve", "os-attach");
        Reply rootDetach = call(token, "DELETE", "/v2.1/servers/" + id + "/os-volume_attachments/" + root, null,
                "X-OpenStack-Nova-API-Version", "2.20");
        assertThat(rootDetach.status()).isEqualTo(400);
        String other = UUID.randomUUID().toString();
        VOLUMES.status.put(other, "available");
        assertThat(call(token, "POST", "/v2.1/servers/" + id + "/os-volume_attachments", "{\"volumeAttachment\":"
                + " {\"volumeId\": \"" + other + "\"}}", "X-OpenStack-Nova-API-Version", "2.20").status())
                .isEqualTo(200);
        assertThat(call(token, "DELETE", "/v2.1/servers/" + id + "/os-volume_attachments/" + other, null,
                "X-OpenStack-Nova-API-Version", "2.20").status()).isEqualTo(202);
        assertThat(VOLUMES.status.get(other)).isEqualTo("available");
        assertThat(get(token, "/v2.1/servers/" + id + "/os-volume_attachments").json().get("volumeAttachments"))
                .hasSize(2);
        assertThat(agent.poll(300)).as("no host to ask").isNull();

        assertThat(action(token, id, "{\"unshelve\": null}").status()).isEqualTo(202);
        SpawnInstance spawn = agent.next(SpawnInstance.class);
        assertThat(spawn.image()).isNull();
        assertThat(spawn.blockDevices()).hasSize(2);
        assertThat(spawn.blockDevices().get(1).volumeId()).isEqualTo(data);
        assertThat(spawn.blockDevices().get(1).deviceName()).isEqualTo("/dev/vdb");
        assertThat(spawn.blockDevices().get(1).connection()).isNotNull();
        assertThat(spawn.blockDevices().get(0).volumeId()).isEqualTo(root);
        assertThat(spawn.blockDevices().get(0).bootIndex()).isZero();
        assertThat(spawn.blockDevices().get(0).deviceName()).isEqualTo("/dev/vda");
        assertThat(spawn.blockDevices().get(0).connection()).as("connected for the new host").isNotNull();
        agent.succeeded(spawn, "spawn", PowerState.RUNNING);
        await("ACTIVE", () -> server(id).get("status").asString().equals("ACTIVE"));
        assertThat(systemMetadata(id)).isEmpty();
        assertThat(ramClaimed()).isEqualTo(512L);
    }
}
