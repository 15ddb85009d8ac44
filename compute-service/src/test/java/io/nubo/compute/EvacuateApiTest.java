package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.DestroyEvacuatedGuest;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.PowerState;
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
 * evacuate over fake hosts on the real broker (Nova's evacuate.py and compute/api.py evacuate, 2.1 to 2.21): the
 * refusals before anything moves (403; bodies per microversion; a named host unknown 404 or the server's own 400; the
 * source host still up 400; a task in flight 409), no valid host (ERROR on the dead host, migration error), the
 * scheduler's choice (task rebuild_spawning, ports and claims moved, spawn from the image, ACTIVE, migration done), a
 * stopped server that stays stopped, a failed spawn (ERROR, migration failed), and the returning source host told
 * to destroy its leftover guest (migration completed).
 */
@org.junit.jupiter.api.Tag("integration")
class EvacuateApiTest extends ComputeHttpTest {

    @Autowired
    EventCodec codec;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    private long ramClaimed(String host) {
        return jdbc.queryForObject("SELECT memory_mb_claimed FROM compute_hosts WHERE host = ?", Long.class, host);
    }

    private String evacuation(String id) {
        List<String> s = jdbc.queryForList("SELECT status FROM migrations WHERE instance_uuid = ? AND migration_type"
                + " = 'evacuation' ORDER BY id DESC", String.class, id);
        return s.isEmpty() ? null : s.get(0);
    }

    private Reply evacuate(String token, String version, String id, String body) throws Exception {
        return call(token, "POST", "/v2.1/servers/" + id + "/action", "{\"evacuate\": " + body + "}",
                "OpenStack-API-Version", "compute " + version);
    }

    private void forceDown(String host, boolean down) throws Exception {
        Reply r = call(ADMIN, "PUT", "/v2.1/os-services/force-down", "{\"host\": \"" + host + "\", \"binary\":"
                + " \"nova-compute\", \"forced_down\": " + down + "}", "OpenStack-API-Version", "compute 2.11");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private void enable(String host, boolean on) throws Exception {
        call(ADMIN, "PUT", "/v2.1/os-services/" + (on ? "enable" : "disable"), "{\"host\": \"" + host
                + "\", \"binary\": \"nova-compute\"}");
    }

    private String boot(FakeAgent on, String flavor, String name) throws Exception {
        Reply boot = post(ADMIN, "/v2.1/servers", "{\"server\": {\"name\": \"" + name + "\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\", \"availability_zone\": \"nova:"
                + on.host + "\"}}");
        assertThat(boot.status()).as(boot.body()).isEqualTo(202);
        String id = boot.json().at("/server/id").asString();
        on.succeeded(on.next(SpawnInstance.class), "spawn", PowerState.RUNNING);
        await("ACTIVE", () -> server(id).get("status").asString().equals("ACTIVE"));
        return id;
    }

    private String message(Reply r) {
        JsonNode j = r.json();
        return j.properties().iterator().next().getValue().get("message").asString();
    }

    @Test
    void evacuateRefusesThenRebuildsOnAnotherHostAndTheReturningSourceDestroysItsLeftover() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE");
        try (FakeAgent src = new FakeAgent("ev-src-" + tag, codec, kafka);
             FakeAgent dst = new FakeAgent("ev-dst-" + tag, codec, kafka);
             FakeAgent small = new FakeAgent("ev-small-" + tag, codec, kafka)) {
            src.heartbeat(4, 4096, 50);
            dst.heartbeat(4, 4096, 50);
            small.heartbeat(4, 256, 50);
            for (FakeAgent h : List.of(src, dst, small)) {
                await("host " + h.host, () -> jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?",
                        Integer.class, h.host) > 0);
            }
            String flavor = "ev-" + tag;
            post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                    + "\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1}}");
            String id = boot(src, flavor, "ev");
            String stopped = boot(src, flavor, "ev-stopped");
            String doomed = boot(src, flavor, "ev-doomed");
            assertThat(post(ADMIN, "/v2.1/servers/" + stopped + "/action", "{\"os-stop\": null}").status())
                    .isEqualTo(202);
            src.succeeded(src.next(PowerAction.class), "stop", PowerState.SHUTDOWN);
            await("SHUTOFF", () -> server(stopped).get("status").asString().equals("SHUTOFF"));
            assertThat(ramClaimed(src.host)).isEqualTo(1536L);

            // refusals: nothing sent, nothing claimed, no migration row
            assertThat(evacuate(member("p-admin"), "2.1", id, "{\"onSharedStorage\": false}").status())
                    .isEqualTo(403);
            Reply noShared = evacuate(ADMIN, "2.1", id, "{}");
            assertThat(noShared.status()).isEqualTo(400);
            assertThat(message(noShared)).contains("'onSharedStorage' is a required property");
            Reply v214 = evacuate(ADMIN, "2.14", id, "{\"onSharedStorage\": false}");
            assertThat(v214.status()).isEqualTo(400);
            assertThat(message(v214)).contains("Additional properties are not allowed ('onSharedStorage'");
            assertThat(evacuate(ADMIN, "2.21", id, "{\"force\": true}").status()).as("2.29's").isEqualTo(400);
            assertThat(message(evacuate(ADMIN, "2.1", id, "{\"onSharedStorage\": true, \"adminPass\": \"x\"}")))
                    .isEqualTo("admin password can't be changed on existing disk");
            assertThat(evacuate(ADMIN, "2.1", id, "{\"onSharedStorage\": \"maybe\"}").status()).isEqualTo(400);
            Reply unknown = evacuate(ADMIN, "2.14", id, "{\"host\": \"nowhere-" + tag + "\"}");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(message(unknown)).isEqualTo("Compute host nowhere-" + tag + " not found.");
            Reply same = evacuate(ADMIN, "2.14", id, "{\"host\": \"" + src.host + "\"}");
            assertThat(same.status()).isEqualTo(400);
            assertThat(message(same)).isEqualTo("The target host can't be the same one.");
            Reply inUse = evacuate(ADMIN, "2.14", id, "{}");
            assertThat(inUse.status()).isEqualTo(400);
            assertThat(message(inUse)).isEqualTo("Compute service of " + src.host + " is still in use.");
            // a task in flight (a reboot the host never answers): 409
            assertThat(post(ADMIN, "/v2.1/servers/" + id + "/action", "{\"reboot\": {\"type\": \"HARD\"}}").status())
                    .isEqualTo(202);
            src.next(PowerAction.class);
            forceDown(src.host, true);
            Reply busy = evacuate(ADMIN, "2.14", id, "{}");
            assertThat(busy.status()).isEqualTo(409);
            assertThat(message(busy)).isEqualTo("Cannot 'evacuate' instance " + id
                    + " while it is in task_state rebooting_hard");
            post(ADMIN, "/v2.1/servers/" + id + "/action", "{\"os-resetState\": {\"state\": \"active\"}}");
            assertThat(evacuation(id)).isNull();
            assertThat(ramClaimed(dst.host)).isZero();

            // no valid host (dst disabled, small too small): ERROR on the dead host, migration error, adminPass
            enable(dst.host, false);
            Reply none = evacuate(ADMIN, "2.1", id, "{\"onSharedStorage\": false}");
            assertThat(none.status()).as(none.body()).isEqualTo(200);
            assertThat(none.json().get("adminPass").asString()).hasSize(12);
            assertThat(server(id).get("status").asString()).isEqualTo("ERROR");
            assertThat(server(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(src.host);
            assertThat(server(id).at("/fault/message").asString()).startsWith("No valid host was found.");
            assertThat(evacuation(id)).isEqualTo("error");
            assertThat(dst.poll(300)).isNull();
            // a named host that does not fit is Nova's forced-destination claim failing the same way
            Reply tooSmall = evacuate(ADMIN, "2.14", stopped, "{\"host\": \"" + small.host + "\"}");
            assertThat(tooSmall.status()).isEqualTo(200);
            assertThat(server(stopped).get("status").asString()).isEqualTo("ERROR");
            assertThat(server(stopped).at("/fault/message").asString()).isEqualTo("No valid host was found. "
                    + small.host + " lacks 256 MiB RAM.");
            for (String s : List.of(id, stopped)) {
                post(ADMIN, "/v2.1/servers/" + s + "/action", "{\"os-resetState\": {\"state\": \"active\"}}");
            }
            jdbc.update("UPDATE instances SET vm_state = 'stopped' WHERE id = ?", stopped);
            enable(dst.host, true);

            // the scheduler's choice (dst): rebuild_spawning there, claims moved, spawn from the image; 2.14: no body
            Reply ok = evacuate(ADMIN, "2.14", id, "{}");
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(ok.body()).isEmpty();
            SpawnInstance spawn = dst.next(SpawnInstance.class);
            assertThat(spawn.image().id()).isEqualTo(FakeImageService.IMAGE);
            assertThat(spawn.flavor().ramMb()).isEqualTo(512);
            JsonNode during = server(id);
            assertThat(during.get("OS-EXT-STS:task_state").asString()).isEqualTo("rebuild_spawning");
            assertThat(during.get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(dst.host);
            assertThat(evacuation(id)).isEqualTo("pre-migrating");
            assertThat(ramClaimed(dst.host)).isEqualTo(512L);
            assertThat(ramClaimed(src.host)).isEqualTo(1024L);
            dst.succeeded(spawn, "spawn", PowerState.RUNNING);
            await("ACTIVE on dst", () -> server(id).get("status").asString().equals("ACTIVE")
                    && server(id).get("OS-EXT-STS:task_state").isNull());
            assertThat(evacuation(id)).isEqualTo("done");
            JsonNode m = get(ADMIN, "/v2.1/os-migrations?instance_uuid=" + id).json().get("migrations");
            assertThat(m).anyMatch(x -> x.get("status").asString().equals("done")
                    && x.get("source_compute").asString().equals(src.host)
                    && x.get("dest_compute").asString().equals(dst.host));
            assertThat(get(ADMIN, "/v2.1/servers/" + id + "/os-instance-actions").json().get("instanceActions"))
                    .anyMatch(a -> a.get("action").asString().equals("evacuate"));

            // a stopped server is rebuilt and stopped again; 2.1 on shared storage: adminPass null
            Reply st = evacuate(ADMIN, "2.1", stopped, "{\"onSharedStorage\": true}");
            assertThat(st.status()).as(st.body()).isEqualTo(200);
            assertThat(st.json().has("adminPass")).isTrue();
            assertThat(st.json().get("adminPass").isNull()).isTrue();
            SpawnInstance spawn2 = dst.next(SpawnInstance.class);
            dst.succeeded(spawn2, "spawn", PowerState.RUNNING);
            PowerAction stop = dst.next(PowerAction.class);
            assertThat(stop.action()).isEqualTo(PowerAction.Action.STOP);
            await("powering-off", () -> "powering-off".equals(server(stopped).get("OS-EXT-STS:task_state")
                    .asString()));
            dst.succeeded(stop, "stop", PowerState.SHUTDOWN);
            await("SHUTOFF on dst", () -> server(stopped).get("status").asString().equals("SHUTOFF")
                    && server(stopped).get("OS-EXT-STS:task_state").isNull());
            assertThat(server(stopped).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(dst.host);
            assertThat(evacuation(stopped)).isEqualTo("done");

            // a failed spawn: ERROR on dst, migration failed
            assertThat(evacuate(ADMIN, "2.14", doomed, "{\"host\": \"" + dst.host + "\"}").status()).isEqualTo(200);
            dst.failed(dst.next(SpawnInstance.class), "spawn", "disk full");
            await("ERROR", () -> server(doomed).get("status").asString().equals("ERROR"));
            assertThat(server(doomed).at("/fault/message").asString()).isEqualTo("disk full");
            assertThat(evacuation(doomed)).isEqualTo("failed");
            assertThat(ramClaimed(src.host)).isZero();
            assertThat(ramClaimed(dst.host)).isEqualTo(1536L);

            // the source comes back: its reconcile reports the old guests; each is destroyed, files too
            forceDown(src.host, false);
            src.heartbeat(4, 4096, 50);
            for (String s : List.of(id, stopped)) {
                src.send(new InstanceReport(s, src.host, null, "reconcile", InstanceReport.Outcome.OBSERVED,
                        PowerState.RUNNING, null, null, Instant.now()), s);
                DestroyEvacuatedGuest destroy = src.next(DestroyEvacuatedGuest.class);
                assertThat(destroy.instanceId()).isEqualTo(s);
                assertThat(destroy.destroyFiles()).as("each host has its own instances directory").isTrue();
                src.succeeded(destroy, "destroy_evacuated", PowerState.NOSTATE);
                await("completed", () -> "completed".equals(evacuation(s)));
            }
            // the source's word on a guest it no longer owns changes nothing
            assertThat(server(id).get("status").asString()).isEqualTo("ACTIVE");
            assertThat(server(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(dst.host);
            assertThat(server(stopped).get("status").asString()).isEqualTo("SHUTOFF");
            // a guest of an instance that still lives on the source is left alone
            src.send(new InstanceReport(id, dst.host, null, "reconcile", InstanceReport.Outcome.OBSERVED,
                    PowerState.RUNNING, null, null, Instant.now()), id);
            assertThat(dst.poll(500)).isNull();
        } finally {
            jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host LIKE 'ev-%'");
        }
    }

    @Test
    void from229ANamedHostIsCheckedByTheSchedulerUnlessForced() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE");
        try (FakeAgent src = new FakeAgent("ev-fsrc-" + tag, codec, kafka);
             FakeAgent dst = new FakeAgent("ev-fdst-" + tag, codec, kafka)) {
            src.heartbeat(4, 4096, 50);
            dst.heartbeat(4, 4096, 50);
            for (FakeAgent h : List.of(src, dst)) {
                await("host " + h.host, () -> jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?",
                        Integer.class, h.host) > 0);
            }
            String flavor = "evf-" + tag;
            post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                    + "\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1}}");
            String id = boot(src, flavor, "evf");
            forceDown(src.host, true);
            enable(dst.host, false);
            Reply noHost = evacuate(ADMIN, "2.29", id, "{\"force\": true}");
            assertThat(noHost.status()).isEqualTo(400);
            assertThat(message(noHost)).isEqualTo("Can't force to a non-provided destination");
            assertThat(evacuate(ADMIN, "2.29", id, "{\"host\": \"" + dst.host + "\", \"force\": \"maybe\"}")
                    .status()).isEqualTo(400);
            assertThat(evacuation(id)).isNull();

            // not forced: the scheduler's filters see the disabled host
            Reply checked = evacuate(ADMIN, "2.29", id, "{\"host\": \"" + dst.host + "\"}");
            assertThat(checked.status()).as(checked.body()).isEqualTo(200);
            assertThat(server(id).get("status").asString()).isEqualTo("ERROR");
            assertThat(server(id).at("/fault/message").asString()).startsWith("No valid host was found. " + dst.host
                    + " is disabled");
            assertThat(dst.poll(300)).isNull();
            post(ADMIN, "/v2.1/servers/" + id + "/action", "{\"os-resetState\": {\"state\": \"active\"}}");

            // forced: the disabled host is taken (up and with room), claimed, and the guest spawned there
            Reply forced = evacuate(ADMIN, "2.29", id, "{\"host\": \"" + dst.host + "\", \"force\": true}");
            assertThat(forced.status()).as(forced.body()).isEqualTo(200);
            SpawnInstance spawn = dst.next(SpawnInstance.class);
            assertThat(ramClaimed(dst.host)).isEqualTo(512L);
            dst.succeeded(spawn, "spawn", PowerState.RUNNING);
            await("ACTIVE on dst", () -> server(id).get("status").asString().equals("ACTIVE")
                    && server(id).get("OS-EXT-STS:task_state").isNull());
            assertThat(server(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(dst.host);
        } finally {
            jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host LIKE 'ev-%'");
        }
    }
}
