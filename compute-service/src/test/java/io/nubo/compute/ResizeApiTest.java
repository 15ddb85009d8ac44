package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.ConfirmResize;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.ResizeInstance;
import io.nubo.shared.events.compute.RevertResize;
import io.nubo.shared.events.compute.SpawnInstance;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * resize, confirmResize and revertResize over a fake host on the real broker: Nova's refusals (nothing sent, nothing
 * claimed), RESIZE then VERIFY_RESIZE with the new flavor and both flavors claimed, a confirm (the old claim given
 * back), a revert (the old flavor back, the new claim given back), a resize from SHUTOFF that ends SHUTOFF, an
 * agent's failure (the instance as it was, the migration in error, the new claim given back), and the migration
 * rows of type resize.
 */
@org.junit.jupiter.api.Tag("integration")
class ResizeApiTest extends ComputeHttpTest {

    @Autowired
    EventCodec codec;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    private String status(String id) {
        return server(id).get("status").asString();
    }

    private long ramClaimed(String host) {
        return jdbc.queryForObject("SELECT memory_mb_claimed FROM compute_hosts WHERE host = ?", Long.class, host);
    }

    private JsonNode migration(String instance) throws Exception {
        return get(ADMIN, "/v2.1/os-migrations?instance_uuid=" + instance).valid("v2_1.migrations",
                "list_migrations").json().get("migrations").get(0);
    }

    private Reply action(String id, String body) throws Exception {
        return post(ADMIN, "/v2.1/servers/" + id + "/action", body);
    }

    private Reply resize(String id, String flavor) throws Exception {
        return action(id, "{\"resize\": {\"flavorRef\": \"" + flavor + "\"}}");
    }

    private String flavor(String id, int ram, int disk) throws Exception {
        Reply r = post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + id + "\", \"id\": \"" + id
                + "\", \"ram\": " + ram + ", \"vcpus\": 1, \"disk\": " + disk + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    private String boot(FakeAgent host, String flavor) throws Exception {
        Reply boot = post(ADMIN, "/v2.1/servers", "{\"server\": {\"name\": \"rs\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\", \"availability_zone\": \"nova:"
                + host.host + "\"}}");
        assertThat(boot.status()).as(boot.body()).isEqualTo(202);
        String id = boot.json().at("/server/id").asString();
        host.succeeded(host.next(SpawnInstance.class), "spawn", PowerState.RUNNING);
        await("ACTIVE", () -> status(id).equals("ACTIVE"));
        return id;
    }

    /** Its hosts would take other classes' servers (the database is shared): they leave with the test. */
    @org.junit.jupiter.api.AfterEach
    void disableOwnHosts() {
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host LIKE 'rs-%'");
    }

    @Test
    void resizeIsRefusedThenConfirmedRevertedAndFailedWithItsClaims() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE");
        try (FakeAgent h = new FakeAgent("rs-" + tag, codec, kafka)) {
            h.heartbeat(4, 2048, 50);
            await("host", () -> jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?",
                    Integer.class, h.host) > 0);
            String small = flavor("rs-s-" + tag, 512, 2);
            String big = flavor("rs-b-" + tag, 1024, 2);
            String tinyDisk = flavor("rs-t-" + tag, 512, 1);
            String huge = flavor("rs-h-" + tag, 4096, 2);
            String id = boot(h, small);
            assertThat(ramClaimed(h.host)).isEqualTo(512L);

            // Nova's refusals, before anything is sent or claimed
            assertThat(resize(UUID.randomUUID().toString(), big).status()).isEqualTo(404);
            Reply unknown = resize(id, "no-such-" + tag);
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().at("/badRequest/message").asString())
                    .isEqualTo("Unable to locate requested flavor.");
            assertThat(action(id, "{\"resize\": {\"flavorRef\": null}}").status()).isEqualTo(400);
            assertThat(action(id, "{\"resize\": {}}").status()).isEqualTo(400);
            assertThat(action(id, "{\"resize\": {\"flavorRef\": \"" + big + "\", \"x\": 1}}").status())
                    .isEqualTo(400);
            assertThat(resize(id, small).json().at("/badRequest/message").asString())
                    .isEqualTo("When resizing, instances must change flavor!");
            assertThat(resize(id, tinyDisk).json().at("/badRequest/message").asString())
                    .isEqualTo("Resizing to a smaller disk flavor is not allowed.");
            Reply full = resize(id, huge);
            assertThat(full.status()).isEqualTo(400);
            assertThat(full.json().at("/badRequest/message").asString()).startsWith("No valid host was found.");
            Reply notResized = action(id, "{\"confirmResize\": null}");
            assertThat(notResized.status()).isEqualTo(409);
            assertThat(notResized.json().at("/conflictingRequest/message").asString())
                    .isEqualTo("Cannot 'confirmResize' instance " + id + " while it is in vm_state active");
            assertThat(action(id, "{\"revertResize\": null}").status()).isEqualTo(409);
            assertThat(h.poll(500)).isNull();
            assertThat(ramClaimed(h.host)).isEqualTo(512L);

            // resize: RESIZE, both flavors claimed, a queued migration of type resize; then VERIFY_RESIZE
            Reply accepted = action(id, "{\"resize\": {\"flavorRef\": \"http://x/flavors/" + big
                    + "\", \"OS-DCF:diskConfig\": \"MANUAL\"}}");
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            ResizeInstance cmd = h.next(ResizeInstance.class);
            assertThat(cmd.flavor().id()).isEqualTo(big);
            assertThat(cmd.flavor().ramMb()).isEqualTo(1024);
            assertThat(cmd.oldFlavor().id()).isEqualTo(small);
            assertThat(cmd.image().id()).isEqualTo(FakeImageService.IMAGE);
            assertThat(status(id)).isEqualTo("RESIZE");
            assertThat(server(id).get("OS-EXT-STS:task_state").asString()).isEqualTo("resize_prep");
            assertThat(server(id).get("OS-DCF:diskConfig").asString()).isEqualTo("MANUAL");
            assertThat(ramClaimed(h.host)).isEqualTo(1536L);
            assertThat(resize(id, big).status()).isEqualTo(409);
            JsonNode m = migration(id);
            assertThat(m.get("status").asString()).isEqualTo("queued");
            assertThat(m.get("source_compute").asString()).isEqualTo(h.host);
            assertThat(m.get("dest_compute").asString()).isEqualTo(h.host);
            assertThat(get(ADMIN, "/v2.1/os-migrations?migration_type=resize&instance_uuid=" + id).json()
                    .get("migrations")).hasSize(1);
            h.succeeded(cmd, "resize", PowerState.RUNNING);
            await("VERIFY_RESIZE", () -> status(id).equals("VERIFY_RESIZE"));
            assertThat(server(id).at("/flavor/id").asString()).isEqualTo(big);
            assertThat(server(id).get("OS-EXT-STS:vm_state").asString()).isEqualTo("resized");
            assertThat(migration(id).get("status").asString()).isEqualTo("finished");
            assertThat(ramClaimed(h.host)).isEqualTo(1536L);
            assertThat(resize(id, small).status()).isEqualTo(409);

            // confirm ({} as Tempest sends it): ACTIVE with the new flavor, the old claim given back
            assertThat(action(id, "{\"confirmResize\": {}}").status()).isEqualTo(204);
            ConfirmResize confirm = h.next(ConfirmResize.class);
            h.succeeded(confirm, "confirm_resize", PowerState.RUNNING);
            await("ACTIVE", () -> status(id).equals("ACTIVE"));
            assertThat(server(id).at("/flavor/id").asString()).isEqualTo(big);
            assertThat(migration(id).get("status").asString()).isEqualTo("confirmed");
            assertThat(ramClaimed(h.host)).isEqualTo(1024L);

            // resize back down and revert: the old (big) flavor again, the new (small) claim given back
            assertThat(resize(id, small).status()).isEqualTo(202);
            h.succeeded(h.next(ResizeInstance.class), "resize", PowerState.RUNNING);
            await("VERIFY_RESIZE", () -> status(id).equals("VERIFY_RESIZE"));
            assertThat(server(id).at("/flavor/id").asString()).isEqualTo(small);
            assertThat(ramClaimed(h.host)).isEqualTo(1536L);
            assertThat(action(id, "{\"revertResize\": null}").status()).isEqualTo(202);
            RevertResize revert = h.next(RevertResize.class);
            assertThat(revert.flavor().id()).isEqualTo(big);
            assertThat(status(id)).isEqualTo("REVERT_RESIZE");
            h.succeeded(revert, "revert_resize", PowerState.RUNNING);
            await("ACTIVE", () -> status(id).equals("ACTIVE"));
            assertThat(server(id).at("/flavor/id").asString()).isEqualTo(big);
            assertThat(migration(id).get("status").asString()).isEqualTo("reverted");
            assertThat(ramClaimed(h.host)).isEqualTo(1024L);

            // a stopped server resizes and confirms to SHUTOFF
            assertThat(action(id, "{\"os-stop\": null}").status()).isEqualTo(202);
            h.succeeded(h.next(PowerAction.class), "stop", PowerState.SHUTDOWN);
            await("SHUTOFF", () -> status(id).equals("SHUTOFF"));
            assertThat(resize(id, small).status()).isEqualTo(202);
            assertThat(status(id)).isEqualTo("RESIZE");
            h.succeeded(h.next(ResizeInstance.class), "resize", PowerState.SHUTDOWN);
            await("VERIFY_RESIZE", () -> status(id).equals("VERIFY_RESIZE"));
            assertThat(action(id, "{\"confirmResize\": null}").status()).isEqualTo(204);
            h.succeeded(h.next(ConfirmResize.class), "confirm_resize", PowerState.SHUTDOWN);
            await("SHUTOFF", () -> status(id).equals("SHUTOFF"));
            assertThat(server(id).at("/flavor/id").asString()).isEqualTo(small);
            assertThat(ramClaimed(h.host)).isEqualTo(512L);

            // the agent fails: the instance as it was, the migration in error, the new claim given back
            assertThat(resize(id, big).status()).isEqualTo(202);
            h.failed(h.next(ResizeInstance.class), "resize", "qemu-img resize failed");
            await("SHUTOFF", () -> status(id).equals("SHUTOFF"));
            assertThat(server(id).at("/flavor/id").asString()).isEqualTo(small);
            assertThat(migration(id).get("status").asString()).isEqualTo("error");
            assertThat(ramClaimed(h.host)).isEqualTo(512L);
            JsonNode actions = get(ADMIN, "/v2.1/servers/" + id + "/os-instance-actions").json()
                    .get("instanceActions");
            assertThat(actions).anyMatch(a -> a.get("action").asString().equals("resize"));
            assertThat(actions).anyMatch(a -> a.get("action").asString().equals("confirmResize"));
            assertThat(actions).anyMatch(a -> a.get("action").asString().equals("revertResize"));
        }
    }
}
