package io.nubo.blockstorage.volume.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Snapshots, volumes from snapshots and from volumes, and the events they write, over HTTP. */
@org.junit.jupiter.api.Tag("integration")
class SnapshotApiTest extends BlockStorageHttpTest {

    final String carol = TestTokens.project("p-carol", "member");
    final String dave = TestTokens.project("p-dave", "member");

    @Autowired
    JdbcTemplate jdbc;

    List<String> eventsOf(String key) {
        return jdbc.queryForList("select envelope from nubo_outbox where message_key = ? order by id", String.class,
                key).stream().map(e -> JSON.readTree(e).get("event_type").asString()).toList();
    }

    @Test
    void aSnapshotMakesAVolumeAndBothAnnounceThemselves() throws Exception {
        String vol = volume(carol, "p-carol", "{\"volume\": {\"size\": 1, \"name\": \"src\"}}", "available");
        Reply r = call(carol, "POST", v3("p-carol", "snapshots"), "{\"snapshot\": {\"volume_id\": \"" + vol
                + "\", \"name\": \"s1\", \"metadata\": {\"a\": \"b\"}}}");
        assertThat(r.status()).isEqualTo(202);
        JsonNode s = r.json().get("snapshot");
        assertThat(s.has("os-extended-snapshot-attributes:progress")).isFalse();
        String snap = s.get("id").asString();
        JsonNode shown = awaitStatus(carol, "p-carol", "snapshots", "snapshot", snap, "available");
        assertThat(shown.get("os-extended-snapshot-attributes:project_id").asString()).isEqualTo("p-carol");
        assertThat(shown.get("os-extended-snapshot-attributes:progress").asString()).isEqualTo("100%");
        assertThat(shown.get("size").asInt()).isEqualTo(1);
        assertThat(shown.get("metadata").get("a").asString()).isEqualTo("b");
        assertThat(call(dave, "GET", v3("p-dave", "snapshots/" + snap), null).status()).isEqualTo(404);
        assertThat(call(carol, "GET", v3("p-carol", "snapshots/detail?volume_id=" + vol), null).json().get("snapshots")).hasSize(1);

        // the volume cannot go while it has a snapshot
        Reply busy = call(carol, "DELETE", v3("p-carol", "volumes/" + vol), null);
        assertThat(busy.status()).isEqualTo(400);
        assertThat(busy.body()).contains("dependent snapshots");

        Reply small = call(carol, "POST", v3("p-carol", "volumes"), "{\"volume\": {\"snapshot_id\": \"" + snap
                + "\", \"size\": 0}}");
        assertThat(small.status()).isEqualTo(400);
        String fromSnap = volume(carol, "p-carol", "{\"volume\": {\"snapshot_id\": \"" + snap + "\", \"size\": 2}}",
                "available");
        JsonNode fs = call(carol, "GET", v3("p-carol", "volumes/" + fromSnap), null).json().get("volume");
        assertThat(fs.get("snapshot_id").asString()).isEqualTo(snap);
        assertThat(fs.get("size").asInt()).isEqualTo(2);
        String clone = volume(carol, "p-carol", "{\"volume\": {\"source_volid\": \"" + vol + "\"}}", "available");
        assertThat(call(carol, "GET", v3("p-carol", "volumes/" + clone), null).json().get("volume")
                .get("source_volid").asString()).isEqualTo(vol);
        // another project cannot use them as sources
        assertThat(call(dave, "POST", v3("p-dave", "volumes"), "{\"volume\": {\"snapshot_id\": \"" + snap + "\"}}")
                .status()).isEqualTo(404);
        assertThat(call(dave, "POST", v3("p-dave", "volumes"), "{\"volume\": {\"source_volid\": \"" + vol + "\"}}")
                .status()).isEqualTo(404);

        assertThat(call(carol, "PUT", v3("p-carol", "snapshots/" + snap), "{\"snapshot\": {\"name\": \"s2\"}}")
                .json().get("snapshot").get("name").asString()).isEqualTo("s2");
        assertThat(call(carol, "DELETE", v3("p-carol", "snapshots/" + snap), null).status()).isEqualTo(202);
        awaitStatus(carol, "p-carol", "snapshots", "snapshot", snap, "deleted");
        assertThat(call(carol, "DELETE", v3("p-carol", "volumes/" + vol), null).status()).isEqualTo(202);
        awaitStatus(carol, "p-carol", "volumes", "volume", vol, "deleted");
        assertThat(eventsOf(vol)).containsExactly("block-storage.volume.created", "block-storage.snapshot.created",
                "block-storage.snapshot.deleted", "block-storage.volume.deleted");
        assertThat(eventsOf(fromSnap)).containsExactly("block-storage.volume.created");
    }

    @Test
    void snapshotsOfBusyVolumesNeedForceAndBadInputIs400() throws Exception {
        assertThat(call(carol, "POST", v3("p-carol", "snapshots"), "{\"snapshot\": {}}").status()).isEqualTo(404);
        assertThat(call(carol, "POST", v3("p-carol", "snapshots"), "{\"snapshot\": {\"volume_id\": \"nope\"}}")
                .status()).isEqualTo(404);
        String vol = volume(carol, "p-carol", "{\"volume\": {\"size\": 1}}", "available");
        call(carol, "POST", v3("p-carol", "volumes/" + vol + "/action"), "{\"os-attach\": {\"instance_uuid\":"
                + " \"5e1e2d4c-0000-4000-8000-000000000001\", \"mountpoint\": \"/dev/vdb\"}}");
        assertThat(call(carol, "POST", v3("p-carol", "snapshots"), "{\"snapshot\": {\"volume_id\": \"" + vol + "\"}}")
                .status()).isEqualTo(400);
        Reply forced = call(carol, "POST", v3("p-carol", "snapshots"), "{\"snapshot\": {\"volume_id\": \"" + vol
                + "\", \"force\": true}}");
        assertThat(forced.status()).isEqualTo(202);
        awaitStatus(carol, "p-carol", "snapshots", "snapshot", forced.json().get("snapshot").get("id").asString(),
                "available");
    }
}
