package io.nubo.blockstorage.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Cinder's admin actions over HTTP on PostgreSQL and the file backend: reset status, force delete, force detach,
 * retype, cascade delete, the snapshot actions, each refused to members.
 */
@Tag("integration")
class AdminActionsApiTest extends BlockStorageHttpTest {

    final String admin = TestTokens.project("p-admin", "admin");
    final String erin = TestTokens.project("p-erin", "member");

    @Autowired
    JdbcTemplate jdbc;

    Reply action(String token, String collection, String id, String body) throws Exception {
        return call(token, "POST", v3("p-erin", collection + "/" + id + "/action"), body);
    }

    String status(String table, String id) {
        return jdbc.queryForObject("select status from " + table + " where id = ?", String.class, id);
    }

    @Test
    void resetStatusAndForceDeleteAreAdminOnlyAndWorkFromAnyStatus() throws Exception {
        String vol = volume(erin, "p-erin", "{\"volume\": {\"size\": 1}}", "available");
        assertThat(action(erin, "volumes", vol, "{\"os-reset_status\": {\"status\": \"error\"}}").status())
                .isEqualTo(403);
        for (String s : List.of("error", "available", "maintenance", "attaching")) {
            assertThat(action(admin, "volumes", vol, "{\"os-reset_status\": {\"status\": \"" + s + "\"}}").status())
                    .isEqualTo(202);
            assertThat(call(erin, "GET", v3("p-erin", "volumes/" + vol), null).json().get("volume").get("status")
                    .asString()).isEqualTo(s);
        }
        assertThat(action(admin, "volumes", vol, "{\"os-reset_status\": {\"status\": \"nonsense\"}}").status())
                .isEqualTo(400);
        // attaching: the ordinary delete refuses, the forced one goes
        assertThat(call(erin, "DELETE", v3("p-erin", "volumes/" + vol), null).status()).isEqualTo(400);
        assertThat(action(erin, "volumes", vol, "{\"os-force_delete\": {}}").status()).isEqualTo(403);
        assertThat(action(admin, "volumes", vol, "{\"os-force_delete\": {}}").status()).isEqualTo(202);
        awaitStatus(erin, "p-erin", "volumes", "volume", vol, "deleted");
        assertThat(status("volumes", vol)).isEqualTo("DELETED");
        assertThat(Path.of(DATA_DIR, "blockstorage", "file", "volumes").toFile().list())
                .noneMatch(f -> f.contains(vol));
    }

    @Test
    void cascadeDeletesTheSnapshotsFirst() throws Exception {
        String vol = volume(erin, "p-erin", "{\"volume\": {\"size\": 1}}", "available");
        List<String> snaps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Reply r = call(erin, "POST", v3("p-erin", "snapshots"), "{\"snapshot\": {\"volume_id\": \"" + vol + "\"}}");
            String s = r.json().get("snapshot").get("id").asString();
            awaitStatus(erin, "p-erin", "snapshots", "snapshot", s, "available");
            snaps.add(s);
        }
        assertThat(call(erin, "DELETE", v3("p-erin", "volumes/" + vol), null).status()).isEqualTo(400);
        assertThat(call(erin, "DELETE", v3("p-erin", "volumes/" + vol + "?cascade=true"), null).status())
                .isEqualTo(202);
        awaitStatus(erin, "p-erin", "volumes", "volume", vol, "deleted");
        for (String s : snaps) {
            assertThat(status("snapshots", s)).isEqualTo("DELETED");
        }
    }

    @Test
    void snapshotActions() throws Exception {
        String vol = volume(erin, "p-erin", "{\"volume\": {\"size\": 1}}", "available");
        String snap = call(erin, "POST", v3("p-erin", "snapshots"), "{\"snapshot\": {\"volume_id\": \"" + vol
                + "\"}}").json().get("snapshot").get("id").asString();
        awaitStatus(erin, "p-erin", "snapshots", "snapshot", snap, "available");
        assertThat(action(erin, "snapshots", snap, "{\"os-reset_status\": {\"status\": \"creating\"}}").status())
                .isEqualTo(403);
        assertThat(action(admin, "snapshots", snap, "{\"os-reset_status\": {\"status\": \"creating\"}}").status())
                .isEqualTo(202);
        // the owner (a backend's report) moves creating on, with a progress; available cannot go back to creating
        assertThat(action(erin, "snapshots", snap, "{\"os-update_snapshot_status\": {\"status\": \"error\","
                + " \"progress\": \"80%\"}}").status()).isEqualTo(202);
        JsonNode s = call(erin, "GET", v3("p-erin", "snapshots/" + snap), null).json().get("snapshot");
        assertThat(s.get("status").asString()).isEqualTo("error");
        assertThat(s.get("os-extended-snapshot-attributes:progress").asString()).isEqualTo("80%");
        assertThat(action(erin, "snapshots", snap, "{\"os-update_snapshot_status\": {\"status\": \"creating\"}}")
                .status()).isEqualTo(400);
        assertThat(action(erin, "snapshots", snap, "{\"os-nonsense\": {}}").status()).isEqualTo(400);
        assertThat(action(admin, "snapshots", snap, "{\"os-reset_status\": {\"status\": \"deleting\"}}").status())
                .isEqualTo(202);
        assertThat(action(erin, "snapshots", snap, "{\"os-force_delete\": {}}").status()).isEqualTo(403);
        assertThat(action(admin, "snapshots", snap, "{\"os-force_delete\": {}}").status()).isEqualTo(202);
        awaitStatus(erin, "p-erin", "snapshots", "snapshot", snap, "deleted");
    }

    @Test
    void forceDetachEndsTheAttachmentAndRetypeStaysOnItsBackend() throws Exception {
        String vol = volume(erin, "p-erin", "{\"volume\": {\"size\": 1}}", "available");
        assertThat(action(erin, "volumes", vol, "{\"os-attach\": {\"instance_uuid\":"
                + " \"6b0b2d5e-8f55-4a43-9a2e-000000000001\", \"mountpoint\": \"/dev/vdb\"}}").status()).isEqualTo(202);
        JsonNode v = call(erin, "GET", v3("p-erin", "volumes/" + vol), null).json().get("volume");
        assertThat(v.get("status").asString()).isEqualTo("in-use");
        String attachment = v.get("attachments").get(0).get("attachment_id").asString();
        // attached: not even a forced delete
        assertThat(action(admin, "volumes", vol, "{\"os-force_delete\": {}}").status()).isEqualTo(400);
        action(admin, "volumes", vol, "{\"os-reset_status\": {\"status\": \"error\"}}");
        assertThat(action(erin, "volumes", vol, "{\"os-force_detach\": {\"attachment_id\": \"" + attachment + "\"}}")
                .status()).isEqualTo(403);
        assertThat(action(admin, "volumes", vol, "{\"os-force_detach\": {\"attachment_id\": \"" + attachment
                + "\", \"connector\": null}}").status()).isEqualTo(202);
        v = call(erin, "GET", v3("p-erin", "volumes/" + vol), null).json().get("volume");
        assertThat(v.get("status").asString()).isEqualTo("available");
        assertThat(v.get("attachments")).isEmpty();

        call(admin, "POST", v3("p-admin", "types"), "{\"volume_type\": {\"name\": \"same-backend\"}}");
        call(admin, "POST", v3("p-admin", "types"), "{\"volume_type\": {\"name\": \"elsewhere\", \"extra_specs\":"
                + " {\"volume_backend_name\": \"nosuch\"}}}");
        assertThat(action(erin, "volumes", vol, "{\"os-retype\": {\"new_type\": \"same-backend\","
                + " \"migration_policy\": \"never\"}}").status()).isEqualTo(202);
        assertThat(call(erin, "GET", v3("p-erin", "volumes/" + vol), null).json().get("volume").get("volume_type")
                .asString()).isEqualTo("same-backend");
        Reply other = action(erin, "volumes", vol, "{\"os-retype\": {\"new_type\": \"elsewhere\"}}");
        assertThat(other.status()).isEqualTo(400);
        assertThat(action(erin, "volumes", vol, "{\"os-retype\": {\"new_type\": \"nosuch-type\"}}").status())
                .isEqualTo(404);
        assertThat(call(erin, "GET", v3("p-erin", "volumes/" + vol), null).json().get("volume").get("volume_type")
                .asString()).isEqualTo("same-backend");
    }
}
