package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.AttachVolume;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.DetachVolume;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.SpawnInstance;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * os-volume_attachments over the real broker and a Cinder stand-in: the Nova order of block storage actions with
 * the caller's token, the agent's command carrying the connection info, Nova 2.1's shapes (checked against
 * Tempest's schemas) and errors, and every failure undone so no volume stays attaching or detaching.
 */
@org.junit.jupiter.api.Tag("integration")
class VolumeAttachmentApiTest extends ComputeHttpTest {

    @Autowired
    EventCodec codec;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    FakeAgent agent;
    String token;
    String server;

    @BeforeEach
    void activeServer() throws Exception {
        agent = new FakeAgent("vhost-" + UUID.randomUUID().toString().substring(0, 8), codec, kafka);
        agent.heartbeat(4, 8192, 100);
        for (int i = 0; i < 600 && jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?",
                Integer.class, agent.host) == 0; i++) {
            Thread.sleep(100);
        }
        String project = "pv-" + UUID.randomUUID().toString().substring(0, 8);
        token = member(project);
        String flavor = "fv-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                + "\", \"ram\": 256, \"vcpus\": 1, \"disk\": 1, \"swap\": 16}}").status()).isEqualTo(200);
        Reply created = post(token, "/v2.1/servers", "{\"server\": {\"name\": \"vm\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        server = created.json().at("/server/id").asString();
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

    String volume(String status) {
        String id = UUID.randomUUID().toString();
        VOLUMES.status.put(id, status);
        return id;
    }

    CompletableFuture<Reply> attachAsync(String volumeId) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return post(token, "/v2.1/servers/" + server + "/os-volume_attachments",
                        "{\"volumeAttachment\": {\"volumeId\": \"" + volumeId + "\"}}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    CompletableFuture<Reply> detachAsync(String volumeId) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call(token, "DELETE", "/v2.1/servers/" + server + "/os-volume_attachments/" + volumeId, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void attachAndDetachFollowNovasOrderWithTheCallersTokenAndShowOnBothSides() throws Exception {
        String vol = volume("available");
        CompletableFuture<Reply> pending = attachAsync(vol);
        AttachVolume cmd = agent.next(AttachVolume.class);
        assertThat(cmd.instanceId()).isEqualTo(server);
        assertThat(cmd.volumeId()).isEqualTo(vol);
        // root vda and swap vdb (the flavor has swap): the first free name is vdc
        assertThat(cmd.deviceName()).isEqualTo("/dev/vdc");
        assertThat(cmd.connection().driverVolumeType()).isEqualTo("rbd");
        assertThat(cmd.connection().data()).containsEntry("hosts", "10.0.0.1,10.0.0.2")
                .containsEntry("auth_enabled", "true").containsEntry("secret_uuid", "u-1");
        assertThat(VOLUMES.status.get(vol)).isEqualTo("attaching");
        // a second attach of the same volume while the first is in flight loses
        Reply twice = post(token, "/v2.1/servers/" + server + "/os-volume_attachments",
                "{\"volumeAttachment\": {\"volumeId\": \"" + vol + "\"}}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().at("/badRequest/message").asString()).startsWith("Invalid volume: volume " + vol);
        agent.succeeded(cmd, "attach_volume", PowerState.RUNNING);

        Reply attached = pending.get(30, TimeUnit.SECONDS).valid("v2_1.servers", "attach_volume");
        assertThat(attached.json().at("/volumeAttachment/device").asString()).isEqualTo("/dev/vdc");
        assertThat(attached.json().at("/volumeAttachment/id").asString()).isEqualTo(vol);
        assertThat(attached.json().at("/volumeAttachment/serverId").asString()).isEqualTo(server);
        assertThat(VOLUMES.status.get(vol)).isEqualTo("in-use");
        assertThat(VOLUMES.actions(vol)).containsExactly("os-reserve", "os-initialize_connection", "os-attach");
        String swapTo = "/v2.1/servers/" + server + "/os-volume_attachments/" + vol;
        assertThat(call(ADMIN, "PUT", swapTo, "{\"volumeAttachment\": {\"volumeId\": \"" + UUID.randomUUID()
                + "\"}}").status()).isEqualTo(404);
        Reply noSwap = call(ADMIN, "PUT", swapTo, "{\"volumeAttachment\": {\"volumeId\": \"" + volume("available")
                + "\"}}");
        assertThat(noSwap.status()).isEqualTo(501);
        assertThat(VOLUMES.calls).filteredOn(c -> c.volumeId().equals(vol)).allMatch(c -> token.equals(c.token()));
        FakeBlockStorage.Call init = VOLUMES.calls.stream().filter(c -> c.volumeId().equals(vol)
                && c.action().equals("os-initialize_connection")).findFirst().orElseThrow();
        assertThat(init.args().at("/connector/host").asString()).isEqualTo(agent.host);
        assertThat(init.args().at("/connector/initiator").asString()).startsWith("iqn.2008-11.org.linux-kvm:");
        FakeBlockStorage.Call attach = VOLUMES.calls.stream().filter(c -> c.volumeId().equals(vol)
                && c.action().equals("os-attach")).findFirst().orElseThrow();
        assertThat(attach.args().path("instance_uuid").asString()).isEqualTo(server);
        assertThat(attach.args().path("mountpoint").asString()).isEqualTo("/dev/vdc");

        String base = "/v2.1/servers/" + server + "/os-volume_attachments";
        Reply list = get(token, base).valid("v2_1.servers", "list_volume_attachments");
        assertThat(list.json().at("/volumeAttachments/0/volumeId").asString()).isEqualTo(vol);
        get(token, base + "/" + vol).valid("v2_1.servers", "show_volume_attachment");
        Reply shown = get(token, "/v2.1/servers/" + server).valid("v2_1.servers", "get_server");
        assertThat(shown.json().at("/server/os-extended-volumes:volumes_attached/0/id").asString()).isEqualTo(vol);
        assertThat(get(member("stranger"), base).status()).isEqualTo(404);

        // detach answers 202 at once, as Nova does; the rest follows the agent's report
        assertThat(detachAsync(vol).get(30, TimeUnit.SECONDS).status()).isEqualTo(202);
        DetachVolume d = agent.next(DetachVolume.class);
        assertThat(d.volumeId()).isEqualTo(vol);
        assertThat(VOLUMES.status.get(vol)).isEqualTo("detaching");
        assertThat(call(token, "DELETE", base + "/" + vol, null).status()).as("a second detach meanwhile")
                .isEqualTo(400);
        agent.succeeded(d, "detach_volume", PowerState.RUNNING);
        awaitVolume(vol, "available");
        assertThat(VOLUMES.actions(vol)).containsExactly("os-reserve", "os-initialize_connection", "os-attach",
                "os-begin_detaching", "os-terminate_connection", "os-detach");
        for (int i = 0; i < 100 && get(token, base).json().at("/volumeAttachments").size() > 0; i++) {
            Thread.sleep(100);
        }
        assertThat(get(token, base).json().at("/volumeAttachments").size()).isZero();
        assertThat(get(token, "/v2.1/servers/" + server).json().at("/server/os-extended-volumes:volumes_attached")
                .size()).isZero();
        Reply actions = get(token, "/v2.1/servers/" + server + "/os-instance-actions");
        assertThat(actions.body()).contains("\"attach_volume\"").contains("\"detach_volume\"");
    }

    @Test
    void anAgentFailureOrSilenceIsUndoneAndNothingStaysAttaching() throws Exception {
        String vol = volume("available");
        CompletableFuture<Reply> pending = attachAsync(vol);
        AttachVolume cmd = agent.next(AttachVolume.class);
        agent.failed(cmd, "attach_volume", "volume " + vol + ": connection data has no name");
        Reply failed = pending.get(30, TimeUnit.SECONDS);
        assertThat(failed.status()).isEqualTo(409);
        assertThat(failed.json().at("/conflictingRequest/message").asString()).contains("connection data has no name");
        assertThat(VOLUMES.status.get(vol)).isEqualTo("available");
        assertThat(VOLUMES.actions(vol)).containsExactly("os-reserve", "os-initialize_connection",
                "os-terminate_connection", "os-unreserve");
        assertThat(get(token, "/v2.1/servers/" + server + "/os-volume_attachments").json().at("/volumeAttachments")
                .size()).isZero();

        // no answer within the timeout: the disk is unplugged again (the command may still run) and all undone
        String quiet = volume("available");
        CompletableFuture<Reply> silent = attachAsync(quiet);
        agent.next(AttachVolume.class);
        Reply timedOut = silent.get(30, TimeUnit.SECONDS);
        assertThat(timedOut.status()).isEqualTo(504);
        assertThat(agent.next(DetachVolume.class).volumeId()).isEqualTo(quiet);
        assertThat(VOLUMES.status.get(quiet)).isEqualTo("available");
    }

    @Test
    void aDetachTheGuestRefusesRollsBackToInUse() throws Exception {
        String vol = volume("available");
        CompletableFuture<Reply> pending = attachAsync(vol);
        agent.succeeded(agent.next(AttachVolume.class), "attach_volume", PowerState.RUNNING);
        assertThat(pending.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(call(token, "DELETE", "/v2.1/servers/" + server + "/os-volume_attachments/" + vol, null).status())
                .isEqualTo(202);
        agent.failed(agent.next(DetachVolume.class), "detach_volume", "the guest did not release volume " + vol);
        awaitVolume(vol, "in-use");
        assertThat(VOLUMES.actions(vol).get(VOLUMES.actions(vol).size() - 1)).isEqualTo("os-roll_detaching");
        // still attached on compute's side too, so it can be detached again (once the roll back is through)
        assertThat(get(token, "/v2.1/servers/" + server + "/os-volume_attachments/" + vol).status()).isEqualTo(200);
        int again = 0;
        for (int i = 0; i < 100 && again != 202; i++) {
            again = call(token, "DELETE", "/v2.1/servers/" + server + "/os-volume_attachments/" + vol, null).status();
            Thread.sleep(100);
        }
        assertThat(again).isEqualTo(202);
        agent.succeeded(agent.next(DetachVolume.class), "detach_volume", PowerState.RUNNING);
        awaitVolume(vol, "available");
    }

    void awaitVolume(String id, String status) throws InterruptedException {
        for (int i = 0; i < 300 && !status.equals(VOLUMES.status.get(id)); i++) {
            Thread.sleep(100);
        }
        assertThat(VOLUMES.status.get(id)).isEqualTo(status);
    }

    @Test
    void novasErrorsForUnknownThingsUnavailableVolumesAndWrongStates() throws Exception {
        String base = "/v2.1/servers/" + server + "/os-volume_attachments";
        Reply unknownVolume = post(token, base, "{\"volumeAttachment\": {\"volumeId\": \"" + UUID.randomUUID()
                + "\"}}");
        assertThat(unknownVolume.status()).isEqualTo(404);
        assertThat(unknownVolume.json().at("/itemNotFound/message").asString()).endsWith("could not be found.");
        Reply unknownServer = post(token, "/v2.1/servers/" + UUID.randomUUID() + "/os-volume_attachments",
                "{\"volumeAttachment\": {\"volumeId\": \"" + volume("available") + "\"}}");
        assertThat(unknownServer.status()).isEqualTo(404);
        String inUse = volume("in-use");
        Reply busy = post(token, base, "{\"volumeAttachment\": {\"volumeId\": \"" + inUse + "\"}}");
        assertThat(busy.status()).isEqualTo(400);
        assertThat(busy.json().at("/badRequest/message").asString()).isEqualTo("Invalid volume: volume '" + inUse
                + "' status must be 'available'. Currently in 'in-use'");
        assertThat(post(token, base, "{\"volumeAttachment\": {\"volumeId\": \"not-a-uuid\"}}").status()).isEqualTo(400);
        assertThat(post(token, base, "{\"volumeAttachment\": {}}").status()).isEqualTo(400);
        assertThat(post(token, base, "{\"volumeAttachment\": {\"volumeId\": \"" + UUID.randomUUID()
                + "\", \"bogus\": 1}}").status()).isEqualTo(400);
        Reply notAttached = call(token, "DELETE", base + "/" + volume("available"), null);
        assertThat(notAttached.status()).isEqualTo(404);
        assertThat(get(token, base + "/" + UUID.randomUUID()).status()).isEqualTo(404);
        // swap: admin only; Nova's 404s for what does not exist, then 501 (no block copy in the agent yet)
        String swapBody = "{\"volumeAttachment\": {\"volumeId\": \"" + UUID.randomUUID() + "\"}}";
        assertThat(call(token, "PUT", base + "/" + UUID.randomUUID(), swapBody).status()).isEqualTo(403);
        assertThat(call(ADMIN, "PUT", base + "/" + UUID.randomUUID(), swapBody).status()).isEqualTo(404);

        // while a stop is in flight the server is in a task: 409, and block storage was never asked
        assertThat(post(token, "/v2.1/servers/" + server + "/action", "{\"os-stop\": null}").status())
                .isEqualTo(202);
        agent.next(PowerAction.class);
        String idle = volume("available");
        Reply conflict = post(token, base, "{\"volumeAttachment\": {\"volumeId\": \"" + idle + "\"}}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().at("/conflictingRequest/message").asString())
                .startsWith("Cannot 'attach_volume' instance " + server + " while it is in task_state powering");
        assertThat(VOLUMES.actions(idle)).isEmpty();
    }

    @Test
    void deletingTheServerLetsItsVolumesGo() throws Exception {
        String vol = volume("available");
        CompletableFuture<Reply> pending = attachAsync(vol);
        agent.succeeded(agent.next(AttachVolume.class), "attach_volume", PowerState.RUNNING);
        assertThat(pending.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(call(token, "DELETE", "/v2.1/servers/" + server, null).status()).isEqualTo(204);
        DeleteInstance delete = agent.next(DeleteInstance.class);
        assertThat(delete.instanceId()).isEqualTo(server);
        // let go only once the host has destroyed the guest, as Nova's compute manager does
        assertThat(VOLUMES.status.get(vol)).isEqualTo("in-use");
        agent.succeeded(delete, "delete", PowerState.NOSTATE);
        for (int i = 0; i < 300 && !"available".equals(VOLUMES.status.get(vol)); i++) {
            Thread.sleep(100);
        }
        assertThat(VOLUMES.status.get(vol)).isEqualTo("available");
        assertThat(VOLUMES.actions(vol).subList(3, 5)).isEqualTo(List.of("os-terminate_connection", "os-detach"));
    }
}
