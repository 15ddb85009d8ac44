package io.nubo.blockstorage.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.blockstorage.backend.DiskFormat;
import io.nubo.blockstorage.backend.VolumeBackends;
import io.nubo.testsupport.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The other Pike microversions up to 3.41, each below and at its version: 3.32 set-log and get-log, 3.36 metadata
 * in volumes/summary, 3.38 the replication group actions, 3.39 an administrator's
 * {@code project_id} of limits, 3.40 revert to the latest snapshot (the bytes really go back), 3.41 a snapshot's
 * {@code user_id}. The filters of 3.28-3.35 are in PikeFilterMicroversionApiTest, 3.37 (and the backup lists'
 * filters and paging) in BackupUpdateApiTest.
 */
@org.junit.jupiter.api.Tag("integration")
class PikeMicroversionApiTest extends BlockStorageHttpTest {

    final String admin = TestTokens.project("p-admin", "admin");

    @Autowired
    VolumeBackends backends;

    private Reply as(String token, String project, String method, String rest, String body, String version)
            throws Exception {
        return call(token, method, v3(project, rest), body, "OpenStack-API-Version", "volume " + version);
    }

    private Reply admin(String method, String rest, String body, String version) throws Exception {
        return as(admin, "p-admin", method, rest, body, version);
    }

    private static String message(Reply r) {
        return r.json().values().iterator().next().get("message").asString();
    }

    @Test
    void setLogAndGetLogFrom3_32() throws Exception {
        String prefix = "io.nubo.blockstorage.volume";
        assertThat(admin("PUT", "os-services/get-log", "{}", "3.31").status()).isEqualTo(404);
        assertThat(admin("PUT", "os-services/set-log", "{\"level\": \"DEBUG\"}", "3.31").status()).isEqualTo(404);
        String member = TestTokens.project("p-log", "member");
        assertThat(as(member, "p-log", "PUT", "os-services/get-log", "{}", "3.32").status()).isEqualTo(403);
        try {
            Reply set = admin("PUT", "os-services/set-log", "{\"binary\": \"cinder-api\", \"prefix\": \"" + prefix
                    + "\", \"level\": \"debug\"}", "3.32");
            assertThat(set.status()).as(set.body()).isEqualTo(202);
            Reply got = admin("PUT", "os-services/get-log", "{\"binary\": \"cinder-api\", \"prefix\": \"" + prefix
                    + "\"}", "3.32");
            assertThat(got.status()).as(got.body()).isEqualTo(200);
            JsonNode entries = got.json().get("log_levels");
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).get("binary").asString()).isEqualTo("cinder-api");
            assertThat(entries.get(0).get("host").asString()).isEqualTo("nubo");
            JsonNode levels = entries.get(0).get("levels");
            assertThat(levels.get("io.nubo.blockstorage.volume.VolumeWork").asString()).isEqualTo("DEBUG");
            assertThat(levels.propertyNames()).allMatch(n -> n.startsWith(prefix));
            assertThat(levels.valueStream().map(JsonNode::asString)).containsOnly("DEBUG");
            assertThat(org.slf4j.LoggerFactory.getLogger("io.nubo.blockstorage.volume.VolumeWork").isDebugEnabled())
                    .isTrue();

            // every service this process plays, or one binary's, or none for another server
            List<String> binaries = admin("PUT", "os-services/get-log", "{\"prefix\": \"" + prefix + "\"}", "3.32")
                    .json().get("log_levels").valueStream().map(e -> e.get("binary").asString()).toList();
            assertThat(binaries).contains("cinder-api", "cinder-scheduler", "cinder-volume");
            JsonNode volumes = admin("PUT", "os-services/get-log", "{\"binary\": \"cinder-volume\", \"prefix\": \""
                    + prefix + "\"}", "3.32").json().get("log_levels");
            assertThat(volumes.valueStream().map(e -> e.get("binary").asString())).containsOnly("cinder-volume");
            assertThat(volumes.get(0).get("host").asString()).startsWith("nubo@");
            assertThat(admin("PUT", "os-services/get-log", "{\"server\": \"elsewhere\"}", "3.32").json()
                    .get("log_levels")).isEmpty();

            Reply bad = admin("PUT", "os-services/set-log", "{\"level\": \"LOUD\"}", "3.32");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(message(bad)).isEqualTo("Invalid input received: LOUD is not a valid log level.");
            assertThat(admin("PUT", "os-services/set-log", "{\"binary\": \"nova-compute\", \"level\": \"INFO\"}",
                    "3.32").status()).isEqualTo(400);
            assertThat(admin("PUT", "os-services/get-log", "{\"level\": \"INFO\"}", "3.32").status()).isEqualTo(400);
        } finally {
            admin("PUT", "os-services/set-log", "{\"prefix\": \"" + prefix + "\", \"level\": \"INFO\"}", "3.32");
        }
        assertThat(admin("PUT", "os-services/get-log", "{\"binary\": \"cinder-api\", \"prefix\": \"" + prefix
                + "\"}", "3.32").json().at("/log_levels/0/levels/io.nubo.blockstorage.volume.VolumeWork").asString())
                .isEqualTo("INFO");
    }

    @Test
    void volumeSummaryMetadataFrom3_36() throws Exception {
        String sue = TestTokens.project("p-sue", "member");
        volume(sue, "p-sue", "{\"volume\": {\"size\": 1, \"metadata\": {\"a\": \"1\"}}}", "available");
        volume(sue, "p-sue", "{\"volume\": {\"size\": 2, \"metadata\": {\"a\": \"2\", \"b\": \"x\"}}}", "available");
        volume(sue, "p-sue", "{\"volume\": {\"size\": 1, \"metadata\": {\"a\": \"1\"}}}", "available");
        JsonNode before = as(sue, "p-sue", "GET", "volumes/summary", null, "3.35").json().get("volume-summary");
        assertThat(before.has("metadata")).isFalse();
        assertThat(before.get("total_size").asLong()).isEqualTo(4);
        JsonNode now = as(sue, "p-sue", "GET", "volumes/summary", null, "3.36").json().get("volume-summary");
        assertThat(now.get("total_count").asLong()).isEqualTo(3);
        assertThat(now.get("metadata").propertyNames()).containsExactlyInAnyOrder("a", "b");
        assertThat(now.at("/metadata/a").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("1", "2");
        assertThat(now.at("/metadata/b").valueStream().map(JsonNode::asString)).containsExactly("x");
        String empty = TestTokens.project("p-none", "member");
        assertThat(as(empty, "p-none", "GET", "volumes/summary", null, "3.36").json().at("/volume-summary/metadata")
                .isEmpty()).isTrue();
    }

    @Test
    void replicationGroupActionsFrom3_38() throws Exception {
        String rita = TestTokens.project("p-rita", "member");
        assertThat(admin("POST", "group_types", "{\"group_type\": {\"name\": \"plain\"}}", "3.38").status())
                .isEqualTo(202);
        String plain = group(rita, "plain", "__DEFAULT__");
        String action = "groups/" + plain + "/action";
        assertThat(as(rita, "p-rita", "POST", action, "{\"enable_replication\": {}}", "3.37").status())
                .isEqualTo(404);
        for (String a : List.of("enable_replication", "disable_replication", "failover_replication",
                "list_replication_targets")) {
            Reply r = as(rita, "p-rita", "POST", action, "{\"" + a + "\": {}}", "3.38");
            assertThat(r.status()).as(a).isEqualTo(400);
            assertThat(message(r)).isEqualTo("Invalid group type: Group " + plain + " is not a replication group"
                    + " type.");
        }
        assertThat(as(rita, "p-rita", "GET", "groups/" + plain, null, "3.37").json().get("group")
                .has("replication_status")).isFalse();
        assertThat(as(rita, "p-rita", "GET", "groups/" + plain, null, "3.38").json().at("/group/replication_status")
                .asString()).isEqualTo("disabled");
        assertThat(as(rita, "p-rita", "GET", "groups/detail", null, "3.38").json().at("/groups/0/replication_status")
                .asString()).isEqualTo("disabled");

        // a replication group type whose volume type does not replicate
        Reply t = admin("POST", "group_types", "{\"group_type\": {\"name\": \"mirrored\", \"group_specs\":"
                + " {\"group_replication_enabled\": \"<is> True\"}}}", "3.38");
        assertThat(t.status()).as(t.body()).isEqualTo(202);
        String notReplicated = group(rita, "mirrored", "__DEFAULT__");
        Reply vt = as(rita, "p-rita", "POST", "groups/" + notReplicated + "/action",
                "{\"list_replication_targets\": {}}", "3.38");
        assertThat(vt.status()).isEqualTo(400);
        assertThat(message(vt)).startsWith("Invalid volume type: Volume type ")
                .endsWith(" does not have 'replication_enabled' spec key set to '<is> True'.");

        // both replicate: Cinder's status checks, then the backend's failure (none replicates here)
        Reply type = admin("POST", "types", "{\"volume_type\": {\"name\": \"replicated\", \"extra_specs\":"
                + " {\"replication_enabled\": \"<is> True\"}}}", "3.38");
        assertThat(type.status()).as(type.body()).isEqualTo(200);
        String g = group(rita, "mirrored", "replicated");
        String ga = "groups/" + g + "/action";
        Reply targets = as(rita, "p-rita", "POST", ga, "{\"list_replication_targets\": {}}", "3.38");
        assertThat(targets.status()).as(targets.body()).isEqualTo(200);
        assertThat(targets.json().get("replication_targets")).isEmpty();
        Reply failover = as(rita, "p-rita", "POST", ga, "{\"failover_replication\": {\"allow_attached_volume\":"
                + " true, \"secondary_backend_id\": \"s\"}}", "3.38");
        assertThat(failover.status()).isEqualTo(400);
        assertThat(message(failover)).isEqualTo("Invalid Group: Group " + g + " replication status must be"
                + " ['enabled', 'failed-over'], but current status is: disabled. Cannot failover replication.");
        assertThat(message(as(rita, "p-rita", "POST", ga, "{\"disable_replication\": {}}", "3.38")))
                .isEqualTo("Invalid Group: Group " + g + " replication status must be ['enabled', 'error'], but"
                        + " current status is: disabled. Cannot disable replication.");
        assertThat(as(rita, "p-rita", "POST", ga, "{\"failover_replication\": {\"bogus\": 1}}", "3.38").status())
                .isEqualTo(400);
        Reply enabled = as(rita, "p-rita", "POST", ga, "{\"enable_replication\": {}}", "3.38");
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(202);
        JsonNode after = as(rita, "p-rita", "GET", "groups/" + g, null, "3.38").json().get("group");
        assertThat(after.get("status").asString()).isEqualTo("error");
        assertThat(after.get("replication_status").asString()).isEqualTo("error");
        assertThat(message(as(rita, "p-rita", "POST", ga, "{\"enable_replication\": {}}", "3.38")))
                .isEqualTo("Invalid Group: Group " + g + " status must be ['available'], but current status is:"
                        + " error. Cannot enable replication.");
        assertThat(as(rita, "p-rita", "POST", ga, "{\"disable_replication\": {}}", "3.38").status()).isEqualTo(202);

        // a volume in the group: its replication status (none here) is never one the actions take
        String withVolume = group(rita, "mirrored", "replicated");
        Reply v = as(rita, "p-rita", "POST", "volumes", "{\"volume\": {\"size\": 1, \"volume_type\": \"replicated\","
                + " \"group_id\": \"" + withVolume + "\"}}", "3.38");
        assertThat(v.status()).as(v.body()).isEqualTo(202);
        String vid = v.json().at("/volume/id").asString();
        awaitStatus(rita, "p-rita", "volumes", "volume", vid, "available");
        Reply refused = as(rita, "p-rita", "POST", "groups/" + withVolume + "/action", "{\"enable_replication\": {}}",
                "3.38");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(message(refused)).isEqualTo("Invalid volume: Volume " + vid + " replication status must be"
                + " ['disabled', 'enabled'], but current status is: None. Cannot enable replication.");
        assertThat(as(rita, "p-rita", "GET", "groups/" + withVolume, null, "3.38").json().at("/group/status")
                .asString()).isEqualTo("available");
        assertThat(as(TestTokens.project("p-other", "member"), "p-other", "POST", ga, "{\"enable_replication\": {}}",
                "3.38").status()).isEqualTo(404);
    }

    private String group(String token, String groupType, String volumeType) throws Exception {
        Reply r = as(token, "p-rita", "POST", "groups", "{\"group\": {\"group_type\": \"" + groupType + "\","
                + " \"volume_types\": [\"" + volumeType + "\"]}}", "3.38");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().at("/group/id").asString();
    }

    @Test
    void limitsOfAnotherProjectForAdministratorsFrom3_39() throws Exception {
        Reply set = admin("PUT", "os-quota-sets/p-lim", "{\"quota_set\": {\"volumes\": 7}}", "3.39");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        String path = "limits?project_id=p-lim";
        assertThat(admin("GET", path, null, "3.38").json().at("/limits/absolute/maxTotalVolumes").asInt())
                .isEqualTo(10);
        assertThat(admin("GET", path, null, "3.39").json().at("/limits/absolute/maxTotalVolumes").asInt())
                .isEqualTo(7);
        assertThat(admin("GET", "limits?tenant_id=p-lim", null, "3.39").json().at("/limits/absolute/maxTotalVolumes")
                .asInt()).isEqualTo(7);
        String lee = TestTokens.project("p-lee", "member");
        assertThat(as(lee, "p-lee", "GET", path, null, "3.39").json().at("/limits/absolute/maxTotalVolumes").asInt())
                .isEqualTo(10);
    }

    private String snapshot(String token, String project, String volume) throws Exception {
        Reply r = as(token, project, "POST", "snapshots", "{\"snapshot\": {\"volume_id\": \"" + volume + "\"}}",
                "3.40");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().at("/snapshot/id").asString();
        awaitStatus(token, project, "snapshots", "snapshot", id, "available");
        return id;
    }

    private void write(String volume, byte[] data) throws Exception {
        backends.get("file").copyImageToVolume(volume, new ByteArrayInputStream(data), DiskFormat.RAW);
    }

    private byte[] head(String volume, int n) throws Exception {
        try (InputStream in = backends.get("file").copyVolumeToImage(volume)) {
            return Arrays.copyOf(in.readNBytes(n), n);
        }
    }

    @Test
    void revertToTheLatestSnapshotFrom3_40() throws Exception {
        String rex = TestTokens.project("p-rex", "member");
        String vol = volume(rex, "p-rex", "{\"volume\": {\"size\": 1}}", "available");
        String action = "volumes/" + vol + "/action";
        Reply none = as(rex, "p-rex", "POST", action, "{\"revert\": {\"snapshot_id\": \"x\"}}", "3.40");
        assertThat(none.status()).isEqualTo(400);
        assertThat(message(none)).isEqualTo("Volume " + vol + " doesn't have any snapshots.");

        byte[] first = new byte[64 * 1024];
        new Random(1).nextBytes(first);
        write(vol, first);
        String older = snapshot(rex, "p-rex", vol);
        String latest = snapshot(rex, "p-rex", vol);
        byte[] later = new byte[64 * 1024];
        new Random(2).nextBytes(later);
        write(vol, later);

        String body = "{\"revert\": {\"snapshot_id\": \"" + latest + "\"}}";
        assertThat(as(rex, "p-rex", "POST", action, body, "3.39").status()).isEqualTo(404);
        Reply notLatest = as(rex, "p-rex", "POST", action, "{\"revert\": {\"snapshot_id\": \"" + older + "\"}}",
                "3.40");
        assertThat(notLatest.status()).isEqualTo(400);
        assertThat(message(notLatest)).isEqualTo("Specified snapshot " + older + " is None or not the latest one of"
                + " volume " + vol + ".");
        assertThat(message(as(rex, "p-rex", "POST", action, "{\"revert\": {}}", "3.40")))
                .isEqualTo("Specified snapshot None is None or not the latest one of volume " + vol + ".");
        assertThat(as(rex, "p-rex", "POST", action, "{\"revert\": null}", "3.40").status()).isEqualTo(400);
        assertThat(as(rex, "p-rex", "POST", action, "{\"revert\": {\"snapshot_id\": 5}}", "3.40").status())
                .isEqualTo(400);
        assertThat(as(TestTokens.project("p-eve", "member"), "p-eve", "POST", action, body, "3.40").status())
                .isEqualTo(404);

        // the volume must be available (409), and so must the snapshot (409, the volume left as it was)
        assertThat(as(rex, "p-rex", "POST", action, "{\"os-reserve\": null}", "3.40").status()).isEqualTo(202);
        Reply reserved = as(rex, "p-rex", "POST", action, body, "3.40");
        assertThat(reserved.status()).isEqualTo(409);
        assertThat(message(reserved)).isEqualTo("Invalid volume: Can't revert volume " + vol + " to its latest"
                + " snapshot " + latest + ". Volume's status must be 'available'.");
        assertThat(as(rex, "p-rex", "POST", action, "{\"os-unreserve\": null}", "3.40").status()).isEqualTo(202);
        assertThat(admin("POST", "snapshots/" + latest + "/action", "{\"os-reset_status\": {\"status\": \"error\"}}",
                "3.40").status()).isEqualTo(202);
        Reply badSnapshot = as(rex, "p-rex", "POST", action, body, "3.40");
        assertThat(badSnapshot.status()).isEqualTo(409);
        assertThat(message(badSnapshot)).isEqualTo("Invalid snapshot: Can't revert volume " + vol + " to its latest"
                + " snapshot " + latest + ". Snapshot's status must be 'available'.");
        assertThat(as(rex, "p-rex", "GET", "volumes/" + vol, null, "3.40").json().at("/volume/status").asString())
                .isEqualTo("available");
        assertThat(admin("POST", "snapshots/" + latest + "/action", "{\"os-reset_status\": {\"status\":"
                + " \"available\"}}", "3.40").status()).isEqualTo(202);

        // reverted: the snapshot's bytes are the volume's again, both available
        Reply reverted = as(rex, "p-rex", "POST", action, body, "3.40");
        assertThat(reverted.status()).as(reverted.body()).isEqualTo(202);
        awaitStatus(rex, "p-rex", "volumes", "volume", vol, "available");
        awaitStatus(rex, "p-rex", "snapshots", "snapshot", latest, "available");
        assertThat(head(vol, first.length)).isEqualTo(first);

        // the volume grew since the snapshot: the sizes differ
        assertThat(as(rex, "p-rex", "POST", action, "{\"os-extend\": {\"new_size\": 2}}", "3.40").status())
                .isEqualTo(202);
        awaitStatus(rex, "p-rex", "volumes", "volume", vol, "available");
        Reply grown = as(rex, "p-rex", "POST", action, body, "3.40");
        assertThat(grown.status()).isEqualTo(400);
        assertThat(message(grown)).isEqualTo("Can't revert volume " + vol + " to its latest snapshot " + latest
                + ". The volume size must be equal to the snapshot size.");
    }

    @Test
    void userIdInSnapshotViewsFrom3_41() throws Exception {
        String uma = TestTokens.project("p-uma", "member");
        String vol = volume(uma, "p-uma", "{\"volume\": {\"size\": 1}}", "available");
        String user = as(uma, "p-uma", "GET", "volumes/" + vol, null, "3.41").json().at("/volume/user_id").asString();
        assertThat(user).isNotBlank();
        Reply made = as(uma, "p-uma", "POST", "snapshots", "{\"snapshot\": {\"volume_id\": \"" + vol + "\"}}", "3.41");
        assertThat(made.json().at("/snapshot/user_id").asString()).isEqualTo(user);
        String id = made.json().at("/snapshot/id").asString();
        awaitStatus(uma, "p-uma", "snapshots", "snapshot", id, "available");
        assertThat(as(uma, "p-uma", "GET", "snapshots/" + id, null, "3.40").json().get("snapshot").has("user_id"))
                .isFalse();
        assertThat(as(uma, "p-uma", "GET", "snapshots/" + id, null, "3.41").json().at("/snapshot/user_id").asString())
                .isEqualTo(user);
        assertThat(as(uma, "p-uma", "GET", "snapshots/detail", null, "3.41").json().at("/snapshots/0/user_id")
                .asString()).isEqualTo(user);
        assertThat(as(uma, "p-uma", "GET", "snapshots/detail", null, "3.40").json().at("/snapshots/0")
                .has("user_id")).isFalse();
        // Cinder's summary list is not its detailed view
        assertThat(as(uma, "p-uma", "GET", "snapshots", null, "3.41").json().at("/snapshots/0").has("user_id"))
                .isFalse();
    }
}
