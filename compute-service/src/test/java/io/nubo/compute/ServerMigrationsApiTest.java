package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.AbortLiveMigration;
import io.nubo.shared.events.compute.ForceCompleteLiveMigration;
import io.nubo.shared.events.compute.LiveMigrateInstance;
import io.nubo.shared.events.compute.MigrationProgress;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.PrepareLiveMigration;
import io.nubo.shared.events.compute.RollbackLiveMigrationAtDestination;
import io.nubo.shared.events.compute.SpawnInstance;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * 2.22 to 2.25 over fake hosts on the real broker: os-migrateLive's {@code block_migration: "auto"} (2.25), the
 * server's migrations in progress (2.23, and os-migrations' {@code migration_type} and links), force-complete
 * (2.22) and abort (2.24) of a running live migration sent to the source's agent, the abort ending
 * {@code cancelled} with the server ACTIVE on the source and the destination's preparation undone; Nova's
 * 400/403/404/409 and the older versions unchanged.
 */
@org.junit.jupiter.api.Tag("integration")
class ServerMigrationsApiTest extends ComputeHttpTest {

    static final String V = "X-OpenStack-Nova-API-Version";

    @Autowired
    EventCodec codec;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    Reply at(String version, String token, String method, String path, String body) throws Exception {
        return call(token, method, path, body, V, version);
    }

    private String migrationStatus(String instance) throws Exception {
        JsonNode all = get(ADMIN, "/v2.1/os-migrations?instance_uuid=" + instance).json().get("migrations");
        return all.isEmpty() ? null : all.get(0).get("status").asString();
    }

    private void awaitMigration(String id, String status) throws InterruptedException {
        await(status, () -> {
            try {
                return status.equals(migrationStatus(id));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String status(String id) {
        return server(id).get("status").asString();
    }

    private LiveMigrateInstance running(FakeAgent src, FakeAgent dst, String id, String version, String block)
            throws Exception {
        Reply r = at(version, ADMIN, "POST", "/v2.1/servers/" + id + "/action", "{\"os-migrateLive\": {\"host\": \""
                + dst.host + "\", \"block_migration\": " + block + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        PrepareLiveMigration prep = dst.next(PrepareLiveMigration.class);
        dst.succeeded(prep, "pre_live_migration", null);
        LiveMigrateInstance cmd = src.next(LiveMigrateInstance.class);
        src.send(new MigrationProgress(id, src.host, cmd.actionId(), dst.host, "copying", 4096, 1024, 3072, 500,
                Instant.now()), id);
        awaitMigration(id, "running");
        return cmd;
    }

    @Test
    void runningLiveMigrationsAreListedForcedAndAbortedFrom222To225() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE");
        try (FakeAgent src = new FakeAgent("sm-src-" + tag, codec, kafka);
             FakeAgent dst = new FakeAgent("sm-dst-" + tag, codec, kafka)) {
            src.heartbeat(4, 4096, 50, List.of("sse2"));
            dst.heartbeat(4, 4096, 50, List.of("sse2"));
            for (FakeAgent h : List.of(src, dst)) {
                await("host " + h.host, () -> jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?",
                        Integer.class, h.host) > 0);
            }
            String flavor = "sm-" + tag;
            post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                    + "\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1}}");
            Reply boot = post(ADMIN, "/v2.1/servers", "{\"server\": {\"name\": \"sm\", \"imageRef\": \""
                    + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\", \"availability_zone\": \"nova:"
                    + src.host + "\"}}");
            String id = boot.json().at("/server/id").asString();
            src.succeeded(src.next(SpawnInstance.class), "spawn", PowerState.RUNNING);
            await("ACTIVE", () -> status(id).equals("ACTIVE"));
            String base = "/v2.1/servers/" + id + "/migrations";

            // below their microversions these do not exist; nothing to act on while the server is not migrating
            assertThat(at("2.22", ADMIN, "GET", base, null).status()).isEqualTo(404);
            assertThat(at("2.23", ADMIN, "DELETE", base + "/1", null).status()).isEqualTo(404);
            assertThat(at("2.21", ADMIN, "POST", base + "/1/action", "{\"force_complete\": null}").status())
                    .isEqualTo(404);
            Reply idle = at("2.22", ADMIN, "POST", base + "/1/action", "{\"force_complete\": null}");
            assertThat(idle.status()).as(idle.body()).isEqualTo(409);
            assertThat(idle.json().at("/conflictingRequest/message").asString()).isEqualTo("Cannot 'force_complete'"
                    + " instance " + id + " while it is in task_state None");
            assertThat(at("2.24", ADMIN, "DELETE", base + "/1", null).status()).isEqualTo(409);
            Reply none = at("2.23", ADMIN, "GET", base, null);
            assertThat(none.status()).isEqualTo(200);
            assertThat(none.json().get("migrations")).isEmpty();
            assertThat(at("2.23", member("p-x"), "GET", base, null).status()).isEqualTo(404);
            assertThat(at("2.23", ADMIN, "GET", "/v2.1/servers/" + UUID.randomUUID() + "/migrations", null)
                    .status()).isEqualTo(404);

            // 2.25: disk_over_commit is gone, block_migration takes "auto"; 2.24 still refuses "auto"
            Reply old = at("2.25", ADMIN, "POST", "/v2.1/servers/" + id + "/action", "{\"os-migrateLive\": {\"host\":"
                    + " null, \"block_migration\": true, \"disk_over_commit\": false}}");
            assertThat(old.status()).isEqualTo(400);
            assertThat(at("2.24", ADMIN, "POST", "/v2.1/servers/" + id + "/action", "{\"os-migrateLive\": {\"host\":"
                    + " null, \"block_migration\": \"auto\", \"disk_over_commit\": false}}").status()).isEqualTo(400);
            assertThat(at("2.25", ADMIN, "POST", "/v2.1/servers/" + id + "/action", "{\"os-migrateLive\": {\"host\":"
                    + " null, \"block_migration\": \"sometimes\"}}").status()).isEqualTo(400);
            assertThat(at("2.25", ADMIN, "POST", "/v2.1/servers/" + id + "/action", "{\"os-migrateLive\": {\"host\":"
                    + " null, \"block_migration\": false}}").status()).as("local disks are not shared").isEqualTo(400);
            assertThat(src.poll(300)).isNull();

            Reply auto = at("2.25", ADMIN, "POST", "/v2.1/servers/" + id + "/action", "{\"os-migrateLive\": {\"host\":"
                    + " \"" + dst.host + "\", \"block_migration\": \"auto\"}}");
            assertThat(auto.status()).as(auto.body()).isEqualTo(202);
            PrepareLiveMigration prep = dst.next(PrepareLiveMigration.class);
            // queued: listed, shown, but neither forced nor aborted (Nova's 400 for its state)
            JsonNode queued = at("2.23", ADMIN, "GET", base, null).json().at("/migrations/0");
            long mid = queued.get("id").asLong();
            assertThat(queued.get("status").asString()).isEqualTo("queued");
            Reply early = at("2.22", ADMIN, "POST", base + "/" + mid + "/action", "{\"force_complete\": null}");
            assertThat(early.status()).isEqualTo(400);
            assertThat(early.json().at("/badRequest/message").asString()).isEqualTo("Migration " + mid
                    + " state of instance " + id + " is queued. Cannot force complete while the migration is in"
                    + " this state.");
            assertThat(at("2.24", ADMIN, "DELETE", base + "/" + mid, null).status()).isEqualTo(400);
            dst.succeeded(prep, "pre_live_migration", null);
            LiveMigrateInstance move = src.next(LiveMigrateInstance.class);
            assertThat(move.blockMigration()).as("auto with a local disk: a block migration").isTrue();
            src.send(new MigrationProgress(id, src.host, move.actionId(), dst.host, "copying", 4096, 1024, 3072, 500,
                    Instant.now()), id);
            awaitMigration(id, "running");

            // 2.23: the list and the show, with libvirt's figures; os-migrations' type and links
            Reply list = at("2.23", ADMIN, "GET", base, null);
            JsonNode m = list.json().at("/migrations/0");
            assertThat(list.json().get("migrations")).hasSize(1);
            assertThat(m.get("id").asLong()).isEqualTo(mid);
            assertThat(m.get("server_uuid").asString()).isEqualTo(id);
            assertThat(m.get("status").asString()).isEqualTo("running");
            assertThat(m.get("source_compute").asString()).isEqualTo(src.host);
            assertThat(m.get("dest_compute").asString()).isEqualTo(dst.host);
            assertThat(m.get("memory_total_bytes").asLong()).isEqualTo(4096);
            assertThat(m.get("memory_processed_bytes").asLong()).isEqualTo(1024);
            assertThat(m.get("memory_remaining_bytes").asLong()).isEqualTo(3072);
            assertThat(m.has("disk_total_bytes") && m.get("disk_total_bytes").isNull()).isTrue();
            assertThat(m.has("uuid")).as("2.59's").isFalse();
            Reply show = at("2.23", ADMIN, "GET", base + "/" + mid, null);
            assertThat(show.status()).isEqualTo(200);
            assertThat(show.json().get("migration")).isEqualTo(m);
            assertThat(at("2.23", ADMIN, "GET", base + "/999999", null).json().at("/itemNotFound/message").asString())
                    .isEqualTo("In-progress live migration 999999 is not found for server " + id + ".");
            assertThat(at("2.23", ADMIN, "GET", base + "/x", null).status()).isEqualTo(404);
            JsonNode os = at("2.23", ADMIN, "GET", "/v2.1/os-migrations?instance_uuid=" + id, null)
                    .valid("v2_23.migrations", "list_migrations").json().at("/migrations/0");
            assertThat(os.get("migration_type").asString()).isEqualTo("live-migration");
            assertThat(os.at("/links/0/href").asString()).endsWith("/v2.1/servers/" + id + "/migrations/" + mid);
            assertThat(at("2.22", ADMIN, "GET", "/v2.1/os-migrations?instance_uuid=" + id, null).json()
                    .at("/migrations/0").has("migration_type")).as("2.22 unchanged").isFalse();

            // 2.22: force-complete goes to the source's agent; policy and body checked first
            assertThat(at("2.22", member("p-admin"), "POST", base + "/" + mid + "/action",
                    "{\"force_complete\": null}").status()).isEqualTo(403);
            assertThat(at("2.22", ADMIN, "POST", base + "/" + mid + "/action", "{\"force_complete\": 1}").status())
                    .isEqualTo(400);
            assertThat(at("2.22", ADMIN, "POST", base + "/" + mid + "/action", "{\"force_complete\": null,"
                    + " \"x\": 1}").status()).isEqualTo(400);
            assertThat(at("2.22", ADMIN, "POST", base + "/999999/action", "{\"force_complete\": null}").status())
                    .as("Nova's 400 for an unknown migration here").isEqualTo(400);
            Reply forced = at("2.22", ADMIN, "POST", base + "/" + mid + "/action", "{\"force_complete\": null}");
            assertThat(forced.status()).as(forced.body()).isEqualTo(202);
            ForceCompleteLiveMigration force = src.next(ForceCompleteLiveMigration.class);
            assertThat(force.instanceId()).isEqualTo(id);
            assertThat(force.actionId()).isEqualTo(move.actionId());
            src.succeeded(force, "live_migration_force_complete", PowerState.PAUSED);

            // 2.24: abort; unknown 404, policy 403; the source's agent aborts; the move's failure: cancelled
            assertThat(at("2.24", ADMIN, "DELETE", base + "/999999", null).status()).isEqualTo(404);
            assertThat(at("2.24", member("p-admin"), "DELETE", base + "/" + mid, null).status()).isEqualTo(403);
            Reply abort = at("2.24", ADMIN, "DELETE", base + "/" + mid, null);
            assertThat(abort.status()).as(abort.body()).isEqualTo(202);
            AbortLiveMigration stop = src.next(AbortLiveMigration.class);
            assertThat(stop.actionId()).isEqualTo(move.actionId());
            assertThat(migrationStatus(id)).isEqualTo("cancelling");
            assertThat(at("2.24", ADMIN, "DELETE", base + "/" + mid, null).status()).as("not running now")
                    .isEqualTo(400);
            src.succeeded(stop, "live_migration_abort", PowerState.RUNNING);
            src.failed(move, "live_migration", "live migration of instance " + id + " to host " + dst.host
                    + " failed: operation aborted: migration out: canceled by client; the instance still runs on"
                    + " host " + src.host);
            awaitMigration(id, "cancelled");
            RollbackLiveMigrationAtDestination undo = dst.next(RollbackLiveMigrationAtDestination.class);
            assertThat(undo.actionId()).isEqualTo(move.actionId());
            await("ACTIVE", () -> status(id).equals("ACTIVE"));
            assertThat(server(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(src.host);
            assertThat(at("2.23", ADMIN, "GET", base, null).json().get("migrations")).as("no longer in progress")
                    .isEmpty();
            assertThat(at("2.23", ADMIN, "GET", base + "/" + mid, null).json().at("/itemNotFound/message")
                    .asString()).isEqualTo("Live migration " + mid + " for server " + id + " is not in progress.");
            assertThat(jdbc.queryForObject("SELECT memory_mb_claimed FROM compute_hosts WHERE host = ?", Long.class,
                    dst.host)).as("the destination's claim given back").isZero();

            // a forced move completes as any other
            LiveMigrateInstance again = running(src, dst, id, "2.25", "true");
            assertThat(at("2.22", ADMIN, "POST", base + "/" + at("2.23", ADMIN, "GET", base, null).json()
                    .at("/migrations/0/id").asLong() + "/action", "{\"force_complete\": null}").status())
                    .isEqualTo(202);
            src.succeeded(src.next(ForceCompleteLiveMigration.class), "live_migration_force_complete",
                    PowerState.PAUSED);
            src.succeeded(again, "live_migration", PowerState.RUNNING);
            await("on dst", () -> server(id).get("OS-EXT-SRV-ATTR:host").asString().equals(dst.host));
            assertThat(migrationStatus(id)).isEqualTo("completed");
        }
    }
}
