package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.InstanceReport;
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
 * os-migrateLive and os-migrations over fake hosts on the real broker: the refusals before anything moves (Nova's
 * 400s/409s, nothing sent, nothing claimed), the scheduler's choice and the claim, progress, completion (host
 * changed, source's claim given back), an agent's failure (instance stays, reason in its actions, destination's
 * claim given back), and a migration completed by the destination's own report when the source's answer is lost.
 */
@org.junit.jupiter.api.Tag("integration")
class LiveMigrationApiTest extends ComputeHttpTest {

    @Autowired
    EventCodec codec;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.nubo.compute.migration.MigrationReports reports;

    private long ramClaimed(String host) {
        return jdbc.queryForObject("SELECT memory_mb_claimed FROM compute_hosts WHERE host = ?", Long.class, host);
    }

    private JsonNode migrations(String query) throws Exception {
        return get(ADMIN, "/v2.1/os-migrations" + query).valid("v2_1.migrations", "list_migrations").json()
                .get("migrations");
    }

    private String migrationStatus(String instance) {
        try {
            JsonNode all = migrations("?instance_uuid=" + instance);
            return all.isEmpty() ? null : all.get(0).get("status").asString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply migrate(String token, String id, String host, boolean block) throws Exception {
        return post(token, "/v2.1/servers/" + id + "/action", "{\"os-migrateLive\": {\"host\": "
                + (host == null ? "null" : "\"" + host + "\"") + ", \"block_migration\": " + block
                + ", \"disk_over_commit\": false}}");
    }

    private Reply live(String id, String version, String fields) throws Exception {
        return call(ADMIN, "POST", "/v2.1/servers/" + id + "/action", "{\"os-migrateLive\": {" + fields
                + ", \"block_migration\": true}}", "OpenStack-API-Version", "compute " + version);
    }

    /** The destination prepares (Nova's pre_live_migration): then the source receives the move. */
    private LiveMigrateInstance prepared(FakeAgent dest, FakeAgent source) throws Exception {
        PrepareLiveMigration prep = dest.next(PrepareLiveMigration.class);
        assertThat(prep.source()).isEqualTo(source.host);
        assertThat(source.poll(300)).as("nothing for the source before the destination is ready").isNull();
        dest.succeeded(prep, "pre_live_migration", null);
        LiveMigrateInstance cmd = source.next(LiveMigrateInstance.class);
        assertThat(cmd.actionId()).isEqualTo(prep.actionId());
        return cmd;
    }

    private void awaitHost(String host) throws InterruptedException {
        await("host " + host, () -> jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?",
                Integer.class, host) > 0);
    }

    @Test
    void liveMigrationIsRefusedBeforeAnythingMovesThenRunsCompletesAndFails() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE");
        try (FakeAgent src = new FakeAgent("lm-src-" + tag, codec, kafka);
             FakeAgent dst = new FakeAgent("lm-dst-" + tag, codec, kafka);
             FakeAgent small = new FakeAgent("lm-small-" + tag, codec, kafka);
             FakeAgent oldCpu = new FakeAgent("lm-old-" + tag, codec, kafka)) {
            src.heartbeat(4, 4096, 50, List.of("sse2", "avx2"));
            dst.heartbeat(4, 4096, 50, List.of("avx2", "sse2"));
            small.heartbeat(4, 256, 50, List.of("sse2", "avx2"));
            oldCpu.heartbeat(4, 4096, 50, List.of("sse2"));
            for (FakeAgent h : List.of(src, dst, small, oldCpu)) {
                awaitHost(h.host);
            }
            String flavor = "lm-" + tag;
            post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                    + "\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1}}");
            Reply boot = post(ADMIN, "/v2.1/servers", "{\"server\": {\"name\": \"lm\", \"imageRef\": \""
                    + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\", \"availability_zone\": \"nova:"
                    + src.host + "\"}}");
            assertThat(boot.status()).as(boot.body()).isEqualTo(202);
            String id = boot.json().at("/server/id").asString();
            SpawnInstance spawn = src.next(SpawnInstance.class);
            src.succeeded(spawn, "spawn", PowerState.RUNNING);
            await("ACTIVE", () -> server(id).get("status").asString().equals("ACTIVE"));
            assertThat(ramClaimed(src.host)).isEqualTo(512L);

            // refusals: policy, shared storage, unknown host, itself, no room, CPU; nothing sent, nothing claimed
            assertThat(migrate(member("p-admin"), id, null, true).status()).isEqualTo(403);
            assertThat(migrate(ADMIN, id, dst.host, false).json().at("/badRequest/message").asString())
                    .isEqualTo(src.host + " is not on shared storage: Shared storage live-migration requires either"
                            + " shared storage or boot-from-volume with no local disks.");
            assertThat(migrate(ADMIN, id, "nowhere-" + tag, true).json().at("/badRequest/message").asString())
                    .isEqualTo("Compute host nowhere-" + tag + " could not be found.");
            assertThat(migrate(ADMIN, id, src.host, true).json().at("/badRequest/message").asString())
                    .isEqualTo("Unable to migrate instance (" + id + ") to current host (" + src.host + ").");
            Reply full = migrate(ADMIN, id, small.host, true);
            assertThat(full.status()).isEqualTo(400);
            assertThat(full.json().at("/badRequest/message").asString()).isEqualTo("Migration pre-check error: Unable"
                    + " to migrate " + id + " to " + small.host + ": the host lacks 256 MiB RAM.");
            assertThat(migrate(ADMIN, id, oldCpu.host, true).json().at("/badRequest/message").asString())
                    .startsWith("Unacceptable CPU info: the CPU of host " + oldCpu.host + " (qemu64) lacks the"
                            + " features avx2 of host " + src.host);
            call(ADMIN, "PUT", "/v2.1/os-services/disable-log-reason", "{\"host\": \"" + dst.host
                    + "\", \"binary\": \"nova-compute\", \"disabled_reason\": \"maintenance\"}");
            assertThat(migrate(ADMIN, id, dst.host, true).json().at("/badRequest/message").asString())
                    .isEqualTo("Compute service of " + dst.host + " is unavailable at this time.");
            // 2.30's force: not a property before 2.30, refused without a host, false keeps the scheduler's checks,
            // true takes the disabled host (only up, CPU and room checked) and claims it
            assertThat(live(id, "2.29", "\"host\": \"" + dst.host + "\", \"force\": true").status())
                    .isEqualTo(400);
            Reply noHost = live(id, "2.30", "\"host\": null, \"force\": true");
            assertThat(noHost.status()).isEqualTo(400);
            assertThat(noHost.json().at("/badRequest/message").asString())
                    .isEqualTo("Can't force to a non-provided destination");
            assertThat(live(id, "2.30", "\"host\": \"" + dst.host + "\", \"force\": false").json()
                    .at("/badRequest/message").asString())
                    .isEqualTo("Compute service of " + dst.host + " is unavailable at this time.");
            assertThat(live(id, "2.30", "\"host\": \"" + small.host + "\", \"force\": true").json()
                    .at("/badRequest/message").asString()).as("forced, the room still counts")
                    .endsWith("the host lacks 256 MiB RAM.");
            Reply forced = live(id, "2.30", "\"host\": \"" + dst.host + "\", \"force\": true");
            assertThat(forced.status()).as(forced.body()).isEqualTo(202);
            PrepareLiveMigration forcedPrep = dst.next(PrepareLiveMigration.class);
            assertThat(ramClaimed(dst.host)).as("the disabled host claimed").isEqualTo(512L);
            dst.failed(forcedPrep, "pre_live_migration", "cannot prepare");
            await("the forced move ended", () -> "error".equals(migrationStatus(id))
                    && server(id).get("OS-EXT-STS:task_state").isNull());
            assertThat(server(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(src.host);
            assertThat(ramClaimed(dst.host)).isZero();
            jdbc.update("DELETE FROM migrations WHERE instance_uuid = ?", id);
            call(ADMIN, "PUT", "/v2.1/os-services/enable", "{\"host\": \"" + dst.host
                    + "\", \"binary\": \"nova-compute\"}");
            assertThat(migrate(ADMIN, id, null, false).status()).isEqualTo(400);
            assertThat(post(ADMIN, "/v2.1/servers/" + id + "/action", "{\"os-migrateLive\": {\"host\": null,"
                    + " \"block_migration\": \"auto\", \"disk_over_commit\": false}}").status()).isEqualTo(400);
            assertThat(src.poll(500)).isNull();
            assertThat(ramClaimed(dst.host)).isZero();
            assertThat(ramClaimed(small.host)).isZero();
            assertThat(migrations("?instance_uuid=" + id)).isEmpty();

            // no host named: the scheduler takes the one other host that fits and offers the CPU (dst), claims it
            Reply accepted = migrate(ADMIN, id, null, true);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            PrepareLiveMigration prep = dst.next(PrepareLiveMigration.class);
            assertThat(prep.host()).isEqualTo(dst.host);
            assertThat(prep.volumes()).isEmpty();
            assertThat(prep.nics()).isEmpty();
            assertThat(src.poll(300)).as("nothing for the source before the destination is ready").isNull();
            assertThat(migrationStatus(id)).isEqualTo("queued");
            dst.succeeded(prep, "pre_live_migration", null);
            LiveMigrateInstance cmd = src.next(LiveMigrateInstance.class);
            assertThat(cmd.actionId()).isEqualTo(prep.actionId());
            assertThat(cmd.destination().host()).isEqualTo(dst.host);
            assertThat(cmd.destination().libvirtUri()).isEqualTo("qemu+tcp://" + dst.host + "/system");
            assertThat(cmd.destination().migrationUri()).isEqualTo("tcp://" + dst.host);
            assertThat(cmd.destination().instancesDir()).isEqualTo("/var/lib/nubo/" + dst.host);
            assertThat(cmd.blockMigration()).isTrue();
            assertThat(server(id).get("status").asString()).isEqualTo("MIGRATING");
            assertThat(server(id).get("OS-EXT-STS:task_state").asString()).isEqualTo("migrating");
            assertThat(ramClaimed(dst.host)).isEqualTo(512L);
            assertThat(migrate(ADMIN, id, null, true).status()).isEqualTo(409);
            JsonNode m = migrations("?instance_uuid=" + id).get(0);
            assertThat(m.get("status").asString()).isEqualTo("preparing");
            assertThat(m.get("source_compute").asString()).isEqualTo(src.host);
            assertThat(m.get("dest_compute").asString()).isEqualTo(dst.host);
            assertThat(m.has("migration_type")).isFalse();
            for (String q : List.of("?host=" + dst.host, "?host=" + src.host, "?source_compute=" + src.host,
                    "?status=preparing&instance_uuid=" + id, "?migration_type=live-migration&instance_uuid=" + id)) {
                assertThat(migrations(q)).as(q).anyMatch(x -> x.get("instance_uuid").asString().equals(id));
            }
            assertThat(migrations("?source_compute=" + dst.host)).noneMatch(x -> x.get("instance_uuid").asString()
                    .equals(id));
            assertThat(migrations("?status=completed&instance_uuid=" + id)).isEmpty();
            assertThat(get(member("p-x"), "/v2.1/os-migrations").status()).isEqualTo(403);

            src.send(new MigrationProgress(id, src.host, cmd.actionId(), dst.host, "copying", 1000, 400, 600, 300,
                    Instant.now()), id);
            await("running", () -> "running".equals(migrationStatus(id)));
            src.succeeded(cmd, "live_migration", PowerState.RUNNING);
            await("completed", () -> "completed".equals(migrationStatus(id)));
            await("ACTIVE on dst", () -> server(id).get("status").asString().equals("ACTIVE"));
            assertThat(server(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(dst.host);
            assertThat(server(id).get("OS-EXT-STS:task_state").isNull()).isTrue();
            assertThat(ramClaimed(dst.host)).isEqualTo(512L);
            assertThat(ramClaimed(src.host)).isZero();

            // back to src, which fails on the agent: stays on dst, ACTIVE, error, reason in the action, claim back
            assertThat(migrate(ADMIN, id, src.host, true).status()).isEqualTo(202);
            LiveMigrateInstance back = prepared(src, dst);
            assertThat(ramClaimed(src.host)).isEqualTo(512L);
            dst.send(new MigrationProgress(id, dst.host, back.actionId(), src.host, "preparing", 0, 0, 0, 10,
                    Instant.now()), id);
            await("preparing", () -> "preparing".equals(migrationStatus(id)));
            String why = "live migration of instance " + id + " to host " + src.host + " failed: libvirtd gone;"
                    + " the instance still runs on host " + dst.host;
            dst.failed(back, "live_migration", why);
            await("error", () -> "error".equals(migrationStatus(id)));
            RollbackLiveMigrationAtDestination undo = src.next(RollbackLiveMigrationAtDestination.class);
            assertThat(undo.actionId()).isEqualTo(back.actionId());
            assertThat(undo.host()).isEqualTo(src.host);
            await("ACTIVE", () -> server(id).get("status").asString().equals("ACTIVE"));
            assertThat(server(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(dst.host);
            assertThat(ramClaimed(src.host)).isZero();
            assertThat(ramClaimed(dst.host)).isEqualTo(512L);
            JsonNode action = get(ADMIN, "/v2.1/servers/" + id + "/os-instance-actions/" + back.actionId()).json()
                    .get("instanceAction");
            assertThat(action.get("action").asString()).isEqualTo("live-migration");
            assertThat(action.get("message").asString()).isEqualTo("Error");
            assertThat(action.at("/events/0/traceback").asString()).startsWith(why);

            // the source's answer is lost; the destination reports the guest running: completed, task ended
            assertThat(migrate(ADMIN, id, src.host, true).status()).isEqualTo(202);
            LiveMigrateInstance lost = prepared(src, dst);
            src.send(new InstanceReport(id, src.host, null, "lifecycle", InstanceReport.Outcome.OBSERVED,
                    PowerState.RUNNING, null, null, Instant.now()), id);
            await("completed by the destination", () -> server(id).get("OS-EXT-SRV-ATTR:host").asString()
                    .equals(src.host) && server(id).get("status").asString().equals("ACTIVE"));
            assertThat(migrations("?instance_uuid=" + id + "&status=completed")).hasSize(2);
            assertThat(ramClaimed(dst.host)).isZero();
            assertThat(ramClaimed(src.host)).isEqualTo(512L);
            // its late answer changes nothing
            dst.succeeded(lost, "live_migration", PowerState.RUNNING);
            Thread.sleep(1000);
            assertThat(server(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(src.host);
            assertThat(ramClaimed(src.host)).isEqualTo(512L);
            // the host it left reports the guest stopped (libvirt undefines the source's domain only after the
            // destination runs it; a restarted agent's reconcile sees it then): the instance is not stopped
            dst.send(new InstanceReport(id, dst.host, null, "reconcile", InstanceReport.Outcome.OBSERVED,
                    PowerState.SHUTDOWN, null, null, Instant.now()), id);
            Thread.sleep(1000);
            assertThat(server(id).get("status").asString()).isEqualTo("ACTIVE");
            assertThat(server(id).get("OS-EXT-STS:power_state").asInt()).isEqualTo(PowerState.RUNNING.code());

            // the destination cannot prepare (a volume it cannot connect): nothing sent to the source, the instance
            // stays ACTIVE where it is, the migration in error with the reason, the destination's claim given back
            assertThat(migrate(ADMIN, id, dst.host, true).status()).isEqualTo(202);
            PrepareLiveMigration refused = dst.next(PrepareLiveMigration.class);
            String cannot = "host " + dst.host + " cannot take instance " + id + ": volume v-1: libvirt on this host"
                    + " has no secret s-1 for rbd user cinder";
            dst.failed(refused, "pre_live_migration", cannot);
            await("error", () -> "error".equals(migrationStatus(id)));
            await("ACTIVE", () -> server(id).get("status").asString().equals("ACTIVE"));
            assertThat(server(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(src.host);
            assertThat(server(id).get("OS-EXT-STS:task_state").isNull()).isTrue();
            assertThat(migrations("?instance_uuid=" + id).get(0).get("status").asString()).isEqualTo("error");
            assertThat(ramClaimed(dst.host)).isZero();
            assertThat(src.poll(500)).as("the source is never asked to move").isNull();
            JsonNode refusal = get(ADMIN, "/v2.1/servers/" + id + "/os-instance-actions/" + refused.actionId())
                    .json().get("instanceAction");
            assertThat(refusal.get("message").asString()).isEqualTo("Error");
            assertThat(refusal.at("/events/0/traceback").asString()).startsWith(cannot);

            // a migration whose task ended without an answer (an admin's os-resetState) is ended by the reconcile
            assertThat(migrate(ADMIN, id, dst.host, true).status()).isEqualTo(202);
            LiveMigrateInstance reset = prepared(dst, src);
            assertThat(ramClaimed(dst.host)).isEqualTo(512L);
            assertThat(post(ADMIN, "/v2.1/servers/" + id + "/action", "{\"os-resetState\": {\"state\": \"active\"}}")
                    .status()).isEqualTo(202);
            reports.reconcile();
            assertThat(migrationStatus(id)).isEqualTo("error");
            assertThat(ramClaimed(dst.host)).as("the destination's claim given back").isZero();
            assertThat(server(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(src.host);
            // should its answer come after all, the guest is where the answer says: the instance follows it
            src.succeeded(reset, "live_migration", PowerState.RUNNING);
            await("moved after all", () -> server(id).get("OS-EXT-SRV-ATTR:host").asString().equals(dst.host));
            assertThat(migrationStatus(id)).isEqualTo("completed");
            assertThat(ramClaimed(dst.host)).isEqualTo(512L);
            assertThat(ramClaimed(src.host)).isZero();
        }
    }
}
