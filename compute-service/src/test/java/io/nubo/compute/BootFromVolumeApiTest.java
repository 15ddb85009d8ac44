package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.BlockDeviceSpec;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.SpawnInstance;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Boot from volume over the real broker and a Cinder stand-in: Nova's block device mappings (v2 and legacy) with
 * each source type, the volume made as the caller and attached at {@code /dev/vda} before the spawn command goes
 * out with its connection, the server's view (image "", volumes_attached), delete_on_termination on delete, a
 * volume that fails to build putting the server in ERROR, and Nova's 400s for mappings that cannot be served.
 */
@org.junit.jupiter.api.Tag("integration")
class BootFromVolumeApiTest extends ComputeHttpTest {

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
    void host() throws Exception {
        agent = new FakeAgent("bhost-" + UUID.randomUUID().toString().substring(0, 8), codec, kafka);
        agent.heartbeat(4, 8192, 100);
        for (int i = 0; i < 600 && jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?",
                Integer.class, agent.host) == 0; i++) {
            Thread.sleep(100);
        }
        token = member("pb-" + UUID.randomUUID().toString().substring(0, 8));
        flavor = "fb-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                + "\", \"ram\": 256, \"vcpus\": 1, \"disk\": 1}}").status()).isEqualTo(200);
        VOLUMES.createdStatus = "creating";
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.close();
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host = ?", agent.host);
    }

    String volume(String status) {
        String id = UUID.randomUUID().toString();
        VOLUMES.status.put(id, status);
        return id;
    }

    Reply create(String imageRef, String mappings) throws Exception {
        return post(token, "/v2.1/servers", "{\"server\": {\"name\": \"bfv\", \"imageRef\": \"" + imageRef
                + "\", \"flavorRef\": \"" + flavor + "\", " + mappings + "}}");
    }

    Reply awaitStatus(String id, String status) throws Exception {
        Reply r = get(token, "/v2.1/servers/" + id);
        for (int i = 0; i < 300 && !r.json().at("/server/status").asString().equals(status); i++) {
            Thread.sleep(100);
            r = get(token, "/v2.1/servers/" + id);
        }
        assertThat(r.json().at("/server/status").asString()).as(r.body()).isEqualTo(status);
        return r;
    }

    void awaitVolume(String volumeId, String status) throws Exception {
        for (int i = 0; i < 300 && !status.equals(VOLUMES.status.get(volumeId)); i++) {
            Thread.sleep(100);
        }
        assertThat(VOLUMES.status.get(volumeId)).isEqualTo(status);
    }

    @Test
    void bootsFromAnExistingVolumeAndDeletesItWithTheServer() throws Exception {
        String vol = volume("available");
        Reply created = create("", "\"block_device_mapping_v2\": [{\"boot_index\": 0, \"uuid\": \"" + vol
                + "\", \"source_type\": \"volume\", \"destination_type\": \"volume\", \"delete_on_termination\":"
                + " true}]");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String id = created.json().at("/server/id").asString();
        SpawnInstance spawn = agent.next(SpawnInstance.class);
        assertThat(spawn.instanceId()).isEqualTo(id);
        assertThat(spawn.image()).isNull();
        assertThat(spawn.blockDevices()).hasSize(1);
        BlockDeviceSpec root = spawn.blockDevices().get(0);
        assertThat(root.volumeId()).isEqualTo(vol);
        assertThat(root.deviceName()).isEqualTo("/dev/vda");
        assertThat(root.bootIndex()).isZero();
        assertThat(root.deleteOnTermination()).isTrue();
        assertThat(root.connection().driverVolumeType()).isEqualTo("rbd");
        // Nova's compute manager order, before the guest is built: reserve, connect for the host, attach at vda
        assertThat(VOLUMES.actions(vol)).containsExactly("os-reserve", "os-initialize_connection", "os-attach");
        assertThat(VOLUMES.calls.stream().filter(c -> c.volumeId().equals(vol))).allMatch(c -> c.token().equals(token));
        FakeBlockStorage.Call attach = VOLUMES.calls.stream().filter(c -> c.volumeId().equals(vol)
                && c.action().equals("os-attach")).findFirst().orElseThrow();
        assertThat(attach.args().path("mountpoint").asString()).isEqualTo("/dev/vda");
        assertThat(attach.args().path("instance_uuid").asString()).isEqualTo(id);
        assertThat(VOLUMES.status.get(vol)).isEqualTo("in-use");

        agent.succeeded(spawn, "spawn", PowerState.RUNNING);
        Reply shown = awaitStatus(id, "ACTIVE").valid("v2_1.servers", "get_server");
        assertThat(shown.json().at("/server/image").asString()).isEmpty();
        assertThat(shown.json().at("/server/os-extended-volumes:volumes_attached/0/id").asString()).isEqualTo(vol);
        Reply attachments = get(token, "/v2.1/servers/" + id + "/os-volume_attachments")
                .valid("v2_1.servers", "list_volume_attachments");
        assertThat(attachments.json().at("/volumeAttachments/0/device").asString()).isEqualTo("/dev/vda");
        Reply rootDetach = call(token, "DELETE", "/v2.1/servers/" + id + "/os-volume_attachments/" + vol, null);
        assertThat(rootDetach.status()).isEqualTo(400);
        assertThat(rootDetach.json().at("/badRequest/message").asString())
                .isEqualTo("Cannot detach a root device volume");
        Reply rebuild = post(token, "/v2.1/servers/" + id + "/action", "{\"rebuild\": {\"imageRef\": \""
                + FakeImageService.IMAGE + "\"}}");
        assertThat(rebuild.status()).isEqualTo(400);

        assertThat(call(token, "DELETE", "/v2.1/servers/" + id, null).status()).isEqualTo(204);
        DeleteInstance delete = agent.next(DeleteInstance.class);
        // the volume is let go only once the host has destroyed the guest
        Thread.sleep(500);
        assertThat(VOLUMES.status.get(vol)).isEqualTo("in-use");
        agent.succeeded(delete, "delete", PowerState.NOSTATE);
        awaitVolume(vol, "deleted");
        assertThat(VOLUMES.actions(vol).subList(3, 6)).containsExactly("os-terminate_connection", "os-detach",
                "delete");
    }

    @Test
    void imageToVolumeAndLegacyMappingsMakeAndAttachTheirVolumes() throws Exception {
        // openstack server create --image I --boot-from-volume 1 (keeps the volume: delete_on_termination false)
        Reply created = create("", "\"block_device_mapping_v2\": [{\"uuid\": \"" + FakeImageService.IMAGE
                + "\", \"boot_index\": 0, \"source_type\": \"image\", \"destination_type\": \"volume\","
                + " \"volume_size\": 1, \"delete_on_termination\": false}]");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String id = created.json().at("/server/id").asString();
        SpawnInstance spawn = agent.next(SpawnInstance.class);
        String made = spawn.blockDevices().get(0).volumeId();
        assertThat(VOLUMES.created.get(made).path("imageRef").asString()).isEqualTo(FakeImageService.IMAGE);
        assertThat(VOLUMES.created.get(made).path("size").asInt()).isEqualTo(1);
        assertThat(VOLUMES.actions(made)).containsExactly("create", "os-reserve", "os-initialize_connection",
                "os-attach");
        agent.succeeded(spawn, "spawn", PowerState.RUNNING);
        awaitStatus(id, "ACTIVE");
        assertThat(call(token, "DELETE", "/v2.1/servers/" + id, null).status()).isEqualTo(204);
        agent.succeeded(agent.next(DeleteInstance.class), "delete", PowerState.NOSTATE);
        awaitVolume(made, "available");

        // the legacy block_device_mapping: without an image the first volume boots; with a data volume from a
        // snapshot beside it (v2 with a snapshot source is the same path)
        String legacy = volume("available");
        Reply old = create("", "\"block_device_mapping\": [{\"volume_id\": \"" + legacy + "\", \"device_name\":"
                + " \"vda\"}]");
        assertThat(old.status()).as(old.body()).isEqualTo(202);
        SpawnInstance spawnOld = agent.next(SpawnInstance.class);
        assertThat(spawnOld.blockDevices()).extracting(BlockDeviceSpec::volumeId).containsExactly(legacy);
        assertThat(spawnOld.blockDevices().get(0).bootIndex()).isZero();

        String snap = UUID.randomUUID().toString();
        VOLUMES.snapshots.put(snap, "available");
        Reply withData = create(FakeImageService.IMAGE, "\"block_device_mapping_v2\": [{\"uuid\": \"" + snap
                + "\", \"source_type\": \"snapshot\", \"destination_type\": \"volume\", \"boot_index\": -1}]");
        assertThat(withData.status()).as(withData.body()).isEqualTo(202);
        SpawnInstance spawnData = agent.next(SpawnInstance.class);
        assertThat(spawnData.image().id()).isEqualTo(FakeImageService.IMAGE);
        assertThat(spawnData.blockDevices()).hasSize(1);
        assertThat(spawnData.blockDevices().get(0).deviceName()).isEqualTo("/dev/vdb");
        assertThat(VOLUMES.created.get(spawnData.blockDevices().get(0).volumeId()).path("snapshot_id").asString())
                .isEqualTo(snap);
        Reply dataShown = get(token, "/v2.1/servers/" + withData.json().at("/server/id").asString());
        assertThat(dataShown.json().at("/server/image/id").asString()).isEqualTo(FakeImageService.IMAGE);
    }

    @Test
    void aVolumeThatFailsToBuildPutsTheServerInErrorAndDeleteStillLetsItGo() throws Exception {
        VOLUMES.createdStatus = "error";
        Reply created = create("", "\"block_device_mapping_v2\": [{\"boot_index\": 0, \"source_type\": \"blank\","
                + " \"destination_type\": \"volume\", \"volume_size\": 2, \"delete_on_termination\": true}]");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        String id = created.json().at("/server/id").asString();
        Reply error = awaitStatus(id, "ERROR");
        assertThat(error.json().at("/server/fault/message").asString()).startsWith("Build of instance " + id
                + " aborted: Invalid volume: Volume ").contains("And its status is error.");
        assertThat(agent.poll(300)).as("no spawn for a server whose volume failed").isNull();
        String made = VOLUMES.created.entrySet().stream().filter(e -> e.getValue().path("size").asInt() == 2)
                .map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(VOLUMES.created.get(made).has("imageRef")).isFalse();
        assertThat(call(token, "DELETE", "/v2.1/servers/" + id, null).status()).isEqualTo(204);
        agent.succeeded(agent.next(DeleteInstance.class), "delete", PowerState.NOSTATE);
        awaitVolume(made, "deleted");
    }

    @Test
    void mappingsThatCannotBeServedAreNovas400s() throws Exception {
        String inUse = volume("in-use");
        String unknown = UUID.randomUUID().toString();
        assertBad(create("", bdm("{\"boot_index\": 0, \"uuid\": \"" + unknown + "\", \"source_type\": \"volume\","
                + " \"destination_type\": \"volume\"}")), "Block Device Mapping is Invalid: failed to get volume "
                + unknown + ".");
        assertBad(create("", bdm("{\"boot_index\": 0, \"uuid\": \"" + inUse + "\", \"source_type\": \"volume\","
                + " \"destination_type\": \"volume\"}")), "Invalid volume: volume '" + inUse + "' status must be"
                + " 'available'. Currently in 'in-use'");
        assertBad(create("", bdm("{\"boot_index\": 0, \"uuid\": \"" + FakeImageService.IMAGE + "\","
                + " \"source_type\": \"image\", \"destination_type\": \"volume\"}")),
                "Block Device Mapping is Invalid: Images with destination_type 'volume' need to have a non-zero size"
                        + " specified");
        assertBad(create("", bdm("{\"boot_index\": 0, \"source_type\": \"blank\", \"destination_type\": \"volume\","
                + " \"volume_size\": 0}")), "Block Device Mapping is Invalid: Blank volumes (source: 'blank', dest:"
                + " 'volume') need to have non-zero size");
        assertBad(create("", bdm("{\"boot_index\": 1, \"uuid\": \"" + volume("available") + "\", \"source_type\":"
                + " \"volume\", \"destination_type\": \"volume\"}")), "Boot sequence for the instance and image/block"
                + " device mapping combination is not valid.");
        assertBad(create("", bdm("{\"uuid\": \"" + volume("available") + "\", \"source_type\": \"volume\","
                + " \"destination_type\": \"volume\"}")), "Boot sequence for the instance and image/block device"
                + " mapping combination is not valid.");
        String plain = volume("available");
        VOLUMES.notBootable.add(plain);
        assertBad(create("", bdm("{\"boot_index\": 0, \"uuid\": \"" + plain + "\", \"source_type\": \"volume\","
                + " \"destination_type\": \"volume\"}")), "Block Device " + plain + " is not bootable.");
        String noSnap = UUID.randomUUID().toString();
        assertBad(create("", bdm("{\"boot_index\": 0, \"uuid\": \"" + noSnap + "\", \"source_type\": \"snapshot\","
                + " \"destination_type\": \"volume\"}")), "Block Device Mapping is Invalid: failed to get snapshot "
                + noSnap + ".");
        String noImage = UUID.randomUUID().toString();
        assertBad(create("", bdm("{\"boot_index\": 0, \"uuid\": \"" + noImage + "\", \"source_type\": \"image\","
                + " \"destination_type\": \"volume\", \"volume_size\": 1}")), "Block Device Mapping is Invalid:"
                + " failed to get image " + noImage + ".");
        assertBad(create("", bdm("{\"boot_index\": 0, \"uuid\": \"" + FakeImageService.IMAGE + "\","
                + " \"source_type\": \"image\", \"destination_type\": \"local\"}")),
                "Block Device Mapping is Invalid: Mapping image to local is not supported.");
        assertBad(create("", bdm("{\"boot_index\": 0, \"source_type\": \"volume\", \"destination_type\":"
                + " \"volume\"}")), "Block Device Mapping is Invalid: Missing device UUID.");
        assertThat(create("", bdm("{\"boot_index\": 0, \"uuid\": \"" + unknown + "\", \"source_type\": \"disk\"}"))
                .status()).isEqualTo(400);
        assertThat(post(token, "/v2.1/servers", "{\"server\": {\"name\": \"bfv\", \"flavorRef\": \"" + flavor
                + "\", \"max_count\": 2, " + bdm("{\"boot_index\": 0, \"uuid\": \"" + volume("available")
                + "\", \"source_type\": \"volume\", \"destination_type\": \"volume\"}") + "}}").status())
                .isEqualTo(400);
        // nothing was asked of block storage beyond the look-ups, and no host got a command
        assertThat(VOLUMES.actions(inUse)).isEmpty();
        assertThat(VOLUMES.actions(plain)).isEmpty();
        assertThat(agent.poll(300)).isNull();
    }

    static String bdm(String item) {
        return "\"block_device_mapping_v2\": [" + item + "]";
    }

    static void assertBad(Reply r, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().at("/badRequest/message").asString()).isEqualTo(message);
    }
}
