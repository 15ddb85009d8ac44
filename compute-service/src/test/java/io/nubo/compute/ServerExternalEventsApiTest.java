package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.Topics;
import io.nubo.shared.events.blockstorage.VolumeResized;
import io.nubo.shared.events.compute.AttachVolume;
import io.nubo.shared.events.compute.ExtendVolume;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.testsupport.TestTokens;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Nova's os-server-external-events (admin or a service user; per-event codes 200/404/422/400, 207 when mixed, 404
 * when no event names a server; the names of the microversion asked for) and the way block storage really tells
 * compute that an attached volume grew: its {@code block-storage.volume.resized} event on the real broker, after
 * which the server's host gets {@link ExtendVolume} with the new size and the instance action
 * {@code extend_volume} ends with the agent's report.
 */
@org.junit.jupiter.api.Tag("integration")
class ServerExternalEventsApiTest extends ComputeHttpTest {

    static final String PATH = "/v2.1/os-server-external-events";
    static final String SERVICE = TestTokens.project("service", "service");

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

    @BeforeEach
    void activeServer() throws Exception {
        agent = new FakeAgent("ehost-" + UUID.randomUUID().toString().substring(0, 8), codec, kafka);
        project = "pe-" + UUID.randomUUID().toString().substring(0, 8);
        token = member(project);
        server = activeServerOn(agent, jdbc, token);
        awaitStatus(server, "ACTIVE");
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.close();
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host = ?", agent.host);
    }

    String boot(String flavorId) throws Exception {
        Reply created = post(token, "/v2.1/servers", "{\"server\": {\"name\": \"vm\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavorId + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        return created.json().at("/server/id").asString();
    }

    void awaitStatus(String id, String status) throws Exception {
        for (int i = 0; i < 600 && !get(token, "/v2.1/servers/" + id).json().at("/server/status").asString()
                .equals(status); i++) {
            Thread.sleep(100);
        }
        assertThat(get(token, "/v2.1/servers/" + id).json().at("/server/status").asString()).isEqualTo(status);
    }

    static String event(String name, String serverId, String tag) {
        return "{\"name\": \"" + name + "\", \"server_uuid\": \"" + serverId + "\""
                + (tag == null ? "" : ", \"tag\": \"" + tag + "\"") + "}";
    }

    Reply events(String caller, String... events) throws Exception {
        return post(caller, PATH, "{\"events\": [" + String.join(", ", events) + "]}");
    }

    @Test
    void eachEventIsAnsweredOnItsOwnAsNovaDoes() throws Exception {
        String unknown = UUID.randomUUID().toString();
        Reply ok = events(SERVICE, event("network-vif-plugged", server, "port-1"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        JsonNode e = ok.json().at("/events/0");
        assertThat(e.get("name").asString()).isEqualTo("network-vif-plugged");
        assertThat(e.get("server_uuid").asString()).isEqualTo(server);
        assertThat(e.get("tag").asString()).isEqualTo("port-1");
        assertThat(e.get("status").asString()).isEqualTo("completed");
        assertThat(e.get("code").asInt()).isEqualTo(200);

        // a server without a host (no valid host) cannot be given an event: 422; an unknown one 404; mixed: 207
        String huge = "fe-huge-" + UUID.randomUUID().toString().substring(0, 6);
        post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + huge + "\", \"id\": \"" + huge
                + "\", \"ram\": 40000, \"vcpus\": 1, \"disk\": 1}}");
        String hostless = boot(huge);
        awaitStatus(hostless, "ERROR");
        Reply mixed = events(ADMIN, event("network-changed", server, null), event("network-vif-deleted", unknown,
                "p"), event("network-vif-unplugged", hostless, "p"));
        assertThat(mixed.status()).as(mixed.body()).isEqualTo(207);
        assertThat(mixed.json().at("/events").findValuesAsString("status"))
                .containsExactly("completed", "failed", "failed");
        assertThat(mixed.json().at("/events").findValues("code")).extracting(JsonNode::asInt)
                .containsExactly(200, 404, 422);
        assertThat(mixed.json().at("/events/0").has("tag")).isFalse();

        Reply none = events(ADMIN, event("network-changed", unknown, null));
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().at("/itemNotFound/message").asString()).isEqualTo("No instances found for any event");
    }

    @Test
    void onlyAdminsAndServicesMaySendAndOnlyTheMicroversionsNames() throws Exception {
        Reply member = events(token, event("network-changed", server, null));
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.json().has("forbidden")).as(member.body()).isTrue();
        // volume-extended is Nova's from 2.51; below it the name is not one of the schema's
        Reply early = events(ADMIN, event("volume-extended", server, UUID.randomUUID().toString()));
        assertThat(early.status()).isEqualTo(400);
        assertThat(events(ADMIN, event("power-update", server, "POWER_ON")).status()).isEqualTo(400);
        assertThat(post(ADMIN, PATH, "{\"events\": []}").status()).isEqualTo(400);
        assertThat(post(ADMIN, PATH, "{\"events\": [{\"name\": \"network-changed\"}]}").status()).isEqualTo(400);
        assertThat(post(ADMIN, PATH, "{\"events\": [{\"name\": \"network-changed\", \"server_uuid\": \"" + server
                + "\", \"status\": \"done\"}]}").status()).isEqualTo(400);
        assertThat(post(ADMIN, PATH, "{\"events\": [{\"name\": \"network-changed\", \"server_uuid\": \"" + server
                + "\", \"extra\": 1}]}").status()).isEqualTo(400);
    }

    @Test
    void aVolumeBlockStorageGrewIsResizedOnTheServersHost() throws Exception {
        String vol = UUID.randomUUID().toString();
        VOLUMES.status.put(vol, "available");
        var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return post(token, "/v2.1/servers/" + server + "/os-volume_attachments",
                        "{\"volumeAttachment\": {\"volumeId\": \"" + vol + "\"}}");
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        agent.succeeded(agent.next(AttachVolume.class), "attach_volume", PowerState.RUNNING);
        assertThat(pending.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);

        // block storage's event, as its outbox relay sends it (a redelivery of the same envelope changes nothing)
        var resized = codec.envelope(new VolumeResized(vol, project, 1, 3, Instant.now()), null, project);
        kafka.send(Topics.BLOCK_STORAGE, vol, codec.toJson(resized)).get(10, TimeUnit.SECONDS);
        kafka.send(Topics.BLOCK_STORAGE, vol, codec.toJson(resized)).get(10, TimeUnit.SECONDS);
        // a volume attached nowhere grows unnoticed (sent with the same key: it is read after the two above)
        var other = codec.envelope(new VolumeResized(UUID.randomUUID().toString(), project, 1, 2, Instant.now()),
                null, project);
        kafka.send(Topics.BLOCK_STORAGE, vol, codec.toJson(other)).get(10, TimeUnit.SECONDS);
        ExtendVolume cmd = agent.next(ExtendVolume.class);
        assertThat(cmd.instanceId()).isEqualTo(server);
        assertThat(cmd.volumeId()).isEqualTo(vol);
        assertThat(cmd.newSizeBytes()).isEqualTo(3L << 30);
        String action = "/v2.1/servers/" + server + "/os-instance-actions/" + cmd.actionId();
        assertThat(get(token, action).json().at("/instanceAction/action").asString()).isEqualTo("extend_volume");
        agent.succeeded(cmd, "extend_volume", PowerState.RUNNING);
        JsonNode ev = null;
        for (int i = 0; i < 100; i++) {
            ev = get(ADMIN, action).json().at("/instanceAction/events/0");
            if (!ev.path("finish_time").isNull() && !ev.path("finish_time").isMissingNode()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(ev.get("event").asString()).isEqualTo("compute_extend_volume");
        assertThat(ev.get("result").asString()).isEqualTo("Success");
        for (int i = 0; i < 300 && jdbc.queryForObject("SELECT COUNT(*) FROM nubo_inbox WHERE event_id = ?",
                Integer.class, other.eventId().toString()) == 0; i++) {
            Thread.sleep(100);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM nubo_inbox WHERE event_id = ?", Integer.class,
                other.eventId().toString())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM instance_actions WHERE action = 'extend_volume'"
                + " AND instance_id = ?", Integer.class, server))
                .as("one resize: the redelivery and the unattached volume sent none").isEqualTo(1);
        assertThat(get(token, "/v2.1/servers/" + server).json().at("/server/status").asString())
                .isEqualTo("ACTIVE");
    }
}
