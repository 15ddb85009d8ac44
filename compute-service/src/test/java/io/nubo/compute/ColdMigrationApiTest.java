package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.ConfirmMigration;
import io.nubo.shared.events.compute.FinishMigration;
import io.nubo.shared.events.compute.FinishRevertMigration;
import io.nubo.shared.events.compute.MigrateInstance;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.PrepareLiveMigration;
import io.nubo.shared.events.compute.RevertMigration;
import io.nubo.shared.events.compute.RollbackLiveMigrationAtDestination;
import io.nubo.shared.events.compute.SpawnInstance;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Cold migration ({@code migrate}, then confirmResize/revertResize) over fake hosts on the real broker: Nova's
 * refusals (403, 409, 400 with no other host; nothing sent, nothing claimed), the steps in Nova's order with the
 * migration row's statuses, VERIFY_RESIZE on the destination with both hosts claimed, a confirm (the source's claim
 * and copy go), a revert (back on the source, running, the destination's claim given back), a SHUTOFF server that
 * stays SHUTOFF, failures at the source and at the destination (the server where it was, running if it ran, the
 * migration in error, the reason in the action), and a swept task ended by the reconcile.
 */
@org.junit.jupiter.api.Tag("integration")
class ColdMigrationApiTest extends ComputeHttpTest {

    @Autowired
    EventCodec codec;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.nubo.compute.migration.ColdMigrationReports reports;

    private String status(String id) {
        return server(id).get("status").asString();
    }

    private String host(String id) {
        return server(id).get("OS-EXT-SRV-ATTR:host").asString();
    }

    private long ramClaimed(String host) {
        return jdbc.queryForObject("SELECT memory_mb_claimed FROM compute_hosts WHERE host = ?", Long.class, host);
    }

    private JsonNode migration(String instance) throws Exception {
        JsonNode all = get(ADMIN, "/v2.1/os-migrations?migration_type=migration&instance_uuid=" + instance)
                .valid("v2_1.migrations", "list_migrations").json().get("migrations");
        return all.isEmpty() ? null : all.get(0);
    }

    private String migrationStatus(String instance) {
        try {
            JsonNode m = migration(instance);
            return m == null ? null : m.get("status").asString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply action(String token, String id, String body) throws Exception {
        return post(token, "/v2.1/servers/" + id + "/action", body);
    }

    private Reply migrate(String id) throws Exception {
        return action(ADMIN, id, "{\"migrate\": null}");
    }

    /** The destination prepares, the source writes the disks there: the destination is asked to finish. */
    private FinishMigration toFinish(FakeAgent src, FakeAgent dst, String id, PowerState power) throws Exception {
        PrepareLiveMigration prep = dst.next(PrepareLiveMigration.class);
        assertThat(prep.source()).isEqualTo(src.host);
        assertThat(migrationStatus(id)).isEqualTo("pre-migrating");
        assertThat(status(id)).isEqualTo("RESIZE");
        assertThat(server(id).get("OS-EXT-STS:task_state").asString()).isEqualTo("resize_prep");
        assertThat(src.poll(300)).as("nothing for the source before the destination is ready").isNull();
        dst.succeeded(prep, "pre_live_migration", null);
        MigrateInstance move = src.next(MigrateInstance.class);
        assertThat(move.actionId()).isEqualTo(prep.actionId());
        assertThat(move.destination().host()).isEqualTo(dst.host);
        assertThat(move.destination().libvirtUri()).isEqualTo("qemu+tcp://" + dst.host + "/system");
        assertThat(move.destination().instancesDir()).isEqualTo("/var/lib/nubo/" + dst.host);
        await("migrating", () -> "migrating".equals(migrationStatus(id)));
        src.succeeded(move, "migrate_disks", power);
        FinishMigration finish = dst.next(FinishMigration.class);
        assertThat(finish.source()).isEqualTo(src.host);
        assertThat(finish.powerOn()).isEqualTo(power == PowerState.RUNNING);
        await("post-migrating", () -> "post-migrating".equals(migrationStatus(id)));
        return finish;
    }

    private void awaitHost(String host) throws InterruptedException {
        await("host " + host, () -> jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?",
                Integer.class, host) > 0);
    }

    @AfterEach
    void disableOwnHosts() {
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host LIKE 'cm-%'");
    }

    @Test
    void coldMigrationIsRefusedThenConfirmedRevertedAndFailedWithItsClaims() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE");
        try (FakeAgent src = new FakeAgent("cm-src-" + tag, codec, kafka);
             FakeAgent dst = new FakeAgent("cm-dst-" + tag, codec, kafka)) {
            src.heartbeat(4, 4096, 50);
            awaitHost(src.host);
            String flavor = "cm-" + tag;
            post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                    + "\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1}}");
            Reply boot = post(ADMIN, "/v2.1/servers", "{\"server\": {\"name\": \"cm\", \"imageRef\": \""
                    + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\", \"availability_zone\": \"nova:"
                    + src.host + "\"}}");
            assertThat(boot.status()).as(boot.body()).isEqualTo(202);
            String id = boot.json().at("/server/id").asString();
            src.succeeded(src.next(SpawnInstance.class), "spawn", PowerState.RUNNING);
            await("ACTIVE", () -> status(id).equals("ACTIVE"));

            // refusals: policy, body, no other host; nothing sent, nothing claimed
            assertThat(action(member("p-admin"), id, "{\"migrate\": null}").status()).isEqualTo(403);
            assertThat(action(ADMIN, id, "{\"migrate\": \"x\"}").status()).isEqualTo(400);
            Reply none = migrate(id);
            assertThat(none.status()).isEqualTo(400);
            assertThat(none.json().at("/badRequest/message").asString()).startsWith("No valid host was found.")
                    .contains(src.host + " is the instance's current host");
            assertThat(action(ADMIN, id, "{\"confirmResize\": null}").status()).isEqualTo(409);
            assertThat(src.poll(300)).isNull();
            assertThat(migration(id)).isNull();

            dst.heartbeat(4, 4096, 50);
            awaitHost(dst.host);
            // a migration that completes and is confirmed ({} is a 2.1 body too; host is ignored at 2.1)
            assertThat(action(ADMIN, id, "{\"migrate\": {\"host\": \"ignored\"}}").status()).isEqualTo(202);
            assertThat(ramClaimed(dst.host)).as("claimed before anything moves").isEqualTo(512L);
            assertThat(migrate(id).status()).as("a task in flight").isEqualTo(409);
            FinishMigration finish = toFinish(src, dst, id, PowerState.RUNNING);
            dst.succeeded(finish, "migrate", PowerState.RUNNING);
            await("VERIFY_RESIZE", () -> status(id).equals("VERIFY_RESIZE"));
            assertThat(host(id)).isEqualTo(dst.host);
            assertThat(migrationStatus(id)).isEqualTo("finished");
            JsonNode m = migration(id);
            assertThat(m.get("source_compute").asString()).isEqualTo(src.host);
            assertThat(m.get("dest_compute").asString()).isEqualTo(dst.host);
            assertThat(m.get("old_instance_type_id").asInt()).isEqualTo(m.get("new_instance_type_id").asInt());
            assertThat(ramClaimed(src.host)).as("the source held until the confirm").isEqualTo(512L);
            assertThat(ramClaimed(dst.host)).isEqualTo(512L);
            assertThat(migrate(id).status()).isEqualTo(409);
            assertThat(action(ADMIN, id, "{\"confirmResize\": null}").status()).isEqualTo(204);
            ConfirmMigration confirm = src.next(ConfirmMigration.class);
            assertThat(confirm.powerState()).isEqualTo(PowerState.RUNNING);
            assertThat(migrationStatus(id)).isEqualTo("confirming");
            src.succeeded(confirm, "confirm_resize", confirm.powerState());
            await("ACTIVE", () -> status(id).equals("ACTIVE"));
            assertThat(migrationStatus(id)).isEqualTo("confirmed");
            assertThat(ramClaimed(src.host)).isZero();
            assertThat(ramClaimed(dst.host)).isEqualTo(512L);

            // back the other way, then reverted: on dst again, running, src's claim given back
            assertThat(migrate(id).status()).isEqualTo(202);
            dst.succeeded(toFinish(dst, src, id, PowerState.RUNNING), "migrate", PowerState.RUNNING);
            await("VERIFY_RESIZE", () -> status(id).equals("VERIFY_RESIZE"));
            assertThat(host(id)).isEqualTo(src.host);
            assertThat(action(ADMIN, id, "{\"revertResize\": null}").status()).isEqualTo(202);
            RevertMigration undo = src.next(RevertMigration.class);
            await("REVERT_RESIZE", () -> status(id).equals("REVERT_RESIZE"));
            assertThat(migrationStatus(id)).isEqualTo("reverting");
            assertThat(undo.powerState()).isEqualTo(PowerState.RUNNING);
            // the destination's guest stopping is seen before its answer: the source still starts its copy
            src.observed(id, PowerState.SHUTDOWN);
            src.succeeded(undo, "revert_migration", undo.powerState());
            FinishRevertMigration back = dst.next(FinishRevertMigration.class);
            assertThat(back.powerOn()).isTrue();
            assertThat(back.operation()).isEqualTo("revert_resize");
            dst.succeeded(back, "revert_resize", PowerState.RUNNING);
            await("ACTIVE", () -> status(id).equals("ACTIVE"));
            assertThat(host(id)).isEqualTo(dst.host);
            assertThat(migrationStatus(id)).isEqualTo("reverted");
            assertThat(src.next(RollbackLiveMigrationAtDestination.class).actionId()).isNotNull();
            assertThat(ramClaimed(src.host)).isZero();
            assertThat(ramClaimed(dst.host)).isEqualTo(512L);

            // a SHUTOFF server stays SHUTOFF through migrate and confirm
            assertThat(action(ADMIN, id, "{\"os-stop\": null}").status()).isEqualTo(202);
            dst.succeeded(dst.next(PowerAction.class), "stop", PowerState.SHUTDOWN);
            await("SHUTOFF", () -> status(id).equals("SHUTOFF"));
            assertThat(migrate(id).status()).isEqualTo(202);
            FinishMigration off = toFinish(dst, src, id, PowerState.SHUTDOWN);
            assertThat(off.powerOn()).isFalse();
            src.succeeded(off, "migrate", PowerState.SHUTDOWN);
            await("VERIFY_RESIZE", () -> status(id).equals("VERIFY_RESIZE"));
            assertThat(action(ADMIN, id, "{\"confirmResize\": null}").status()).isEqualTo(204);
            ConfirmMigration offConfirm = dst.next(ConfirmMigration.class);
            assertThat(offConfirm.powerState()).isEqualTo(PowerState.SHUTDOWN);
            dst.succeeded(offConfirm, "confirm_resize", offConfirm.powerState());
            await("SHUTOFF", () -> status(id).equals("SHUTOFF"));
            assertThat(host(id)).isEqualTo(src.host);
            assertThat(action(ADMIN, id, "{\"os-start\": null}").status()).isEqualTo(202);
            src.succeeded(src.next(PowerAction.class), "start", PowerState.RUNNING);
            await("ACTIVE", () -> status(id).equals("ACTIVE"));

            // the source fails to copy: stays ACTIVE on src, error, reason in the action, dst's claim back
            assertThat(migrate(id).status()).isEqualTo(202);
            dst.succeeded(dst.next(PrepareLiveMigration.class), "pre_live_migration", null);
            MigrateInstance copy = src.next(MigrateInstance.class);
            String why = "cannot copy disk of instance " + id + " to host " + dst.host + ": no space left";
            src.failed(copy, "migrate_disks", why);
            await("error", () -> "error".equals(migrationStatus(id)));
            await("ACTIVE", () -> status(id).equals("ACTIVE"));
            assertThat(host(id)).isEqualTo(src.host);
            assertThat(dst.next(RevertMigration.class).actionId()).isEqualTo(copy.actionId());
            assertThat(dst.next(RollbackLiveMigrationAtDestination.class).actionId()).isEqualTo(copy.actionId());
            assertThat(ramClaimed(dst.host)).isZero();
            JsonNode event = get(ADMIN, "/v2.1/servers/" + id + "/os-instance-actions/" + copy.actionId()).json()
                    .get("instanceAction");
            assertThat(event.get("action").asString()).isEqualTo("migrate");
            assertThat(event.get("message").asString()).isEqualTo("Error");
            assertThat(event.at("/events/0/traceback").asString()).startsWith(why);

            // the destination fails to define the guest: the source starts its copy again
            assertThat(migrate(id).status()).isEqualTo(202);
            FinishMigration broken = toFinish(src, dst, id, PowerState.RUNNING);
            dst.failed(broken, "migrate", "libvirt on " + dst.host + " refused the domain");
            await("error", () -> "error".equals(migrationStatus(id)));
            await("ACTIVE", () -> status(id).equals("ACTIVE"));
            assertThat(host(id)).isEqualTo(src.host);
            List<Object> after = List.of(dst.next(RevertMigration.class), dst.next(
                    RollbackLiveMigrationAtDestination.class));
            assertThat(after).hasSize(2);
            FinishRevertMigration restore = src.next(FinishRevertMigration.class);
            assertThat(restore.powerOn()).isTrue();
            assertThat(restore.operation()).isEqualTo("migrate_restore");
            assertThat(ramClaimed(dst.host)).isZero();
            assertThat(ramClaimed(src.host)).isEqualTo(512L);

            // a task reset while the source copies: the reconcile ends it, the source restores its guest
            assertThat(migrate(id).status()).isEqualTo(202);
            dst.succeeded(dst.next(PrepareLiveMigration.class), "pre_live_migration", null);
            MigrateInstance lost = src.next(MigrateInstance.class);
            assertThat(action(ADMIN, id, "{\"os-resetState\": {\"state\": \"active\"}}").status()).isEqualTo(202);
            reports.reconcile();
            assertThat(migrationStatus(id)).isEqualTo("error");
            assertThat(ramClaimed(dst.host)).isZero();
            assertThat(dst.next(RevertMigration.class).actionId()).isEqualTo(lost.actionId());
            assertThat(src.next(FinishRevertMigration.class).operation()).isEqualTo("migrate_restore");
            // its late answer moves nothing
            src.succeeded(lost, "migrate_disks", PowerState.RUNNING);
            Thread.sleep(1000);
            assertThat(dst.poll(300)).isNotInstanceOf(FinishMigration.class);
            assertThat(host(id)).isEqualTo(src.host);
        }
    }
}
