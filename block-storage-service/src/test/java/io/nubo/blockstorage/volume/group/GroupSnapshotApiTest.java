package io.nubo.blockstorage.volume.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Microversion 3.14: group snapshots as Cinder answers them (create 202 with the summary and group_type_id, list,
 * detail, show, delete 202; a snapshot of each volume, each with its group_snapshot_id), create-from-src from a group
 * snapshot or a group, Cinder's refusals (a group with a group snapshot is not deleted, a member snapshot is not
 * deleted alone), and the gating (404 before 3.14).
 */
@org.junit.jupiter.api.Tag("integration")
class GroupSnapshotApiTest extends BlockStorageHttpTest {

    static final String V = "volume 3.14";
    static final String NONE = "00000000-0000-0000-0000-000000000000";
    final String hal = TestTokens.project("p-hal", "member");
    final String other = TestTokens.project("p-hal-other", "member");
    final String admin = TestTokens.project("p-admin", "admin");

    private Reply hal(String method, String rest, String body) throws Exception {
        return call(hal, method, v3("p-hal", rest), body, "OpenStack-API-Version", V);
    }

    private String message(Reply r) {
        return r.json().values().iterator().next().get("message").asString();
    }

    private JsonNode await(String collection, String key, String id, String expected) throws Exception {
        return awaitStatus(hal, "p-hal", collection, key, id, expected, "OpenStack-API-Version", V);
    }

    private String group(String type) throws Exception {
        Reply t = call(admin, "POST", v3("p-admin", "group_types"), "{\"group_type\": {\"name\": \"" + type
                + "\"}}", "OpenStack-API-Version", V);
        assertThat(t.status()).as(t.body()).isEqualTo(202);
        Reply g = hal("POST", "groups", "{\"group\": {\"name\": \"" + type + "-g\", \"group_type\": \"" + type
                + "\", \"volume_types\": [\"__DEFAULT__\"]}}");
        assertThat(g.status()).as(g.body()).isEqualTo(202);
        return g.json().at("/group/id").asString();
    }

    private String volumeIn(String group) throws Exception {
        Reply r = hal("POST", "volumes", "{\"volume\": {\"size\": 1, \"group_id\": \"" + group + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().at("/volume/id").asString();
        await("volumes", "volume", id, "available");
        return id;
    }

    /** Deletes a volume's file on the file backend: what is made from it then fails. */
    private static void loseBytesOf(String volume) {
        java.io.File[] files = java.nio.file.Path.of(DATA_DIR, "blockstorage", "file", "volumes").toFile()
                .listFiles((dir, name) -> name.contains(volume));
        assertThat(files).hasSize(1);
        assertThat(files[0].delete()).isTrue();
    }

    private String groupSnapshot(String group, String name) throws Exception {
        Reply r = hal("POST", "group_snapshots", "{\"group_snapshot\": {\"group_id\": \"" + group + "\", \"name\": \""
                + name + "\", \"description\": \"d\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().at("/group_snapshot/id").asString();
    }

    private List<JsonNode> snapshotsOf(String groupSnapshot) throws Exception {
        return hal("GET", "snapshots/detail", null).json().get("snapshots").valueStream()
                .filter(s -> groupSnapshot.equals(s.get("group_snapshot_id").asString(null))).toList();
    }

    @Test
    void groupSnapshotsFrom3_14() throws Exception {
        String group = group("gs-t1");
        String a = volumeIn(group);
        String b = volumeIn(group);
        Reply made = hal("POST", "group_snapshots", "{\"group_snapshot\": {\"group_id\": \"" + group + "\","
                + " \"name\": \"gs1\", \"description\": \"first\"}}");
        assertThat(made.status()).as(made.body()).isEqualTo(202);
        JsonNode summary = made.json().get("group_snapshot");
        assertThat(summary.propertyNames()).containsExactlyInAnyOrder("id", "name", "group_type_id");
        assertThat(summary.get("name").asString()).isEqualTo("gs1");
        String id = summary.get("id").asString();
        String typeId = hal("GET", "groups/" + group, null).json().at("/group/group_type").asString();
        assertThat(summary.get("group_type_id").asString()).isEqualTo(typeId);

        JsonNode shown = await("group_snapshots", "group_snapshot", id, "available");
        assertThat(shown.propertyNames()).containsExactlyInAnyOrder("id", "group_id", "group_type_id", "status",
                "created_at", "name", "description");
        assertThat(shown.get("group_id").asString()).isEqualTo(group);
        assertThat(shown.get("group_type_id").asString()).isEqualTo(typeId);
        assertThat(shown.get("description").asString()).isEqualTo("first");

        // one snapshot of each volume, available, named as the group snapshot; group_snapshot_id from 3.14 only
        List<JsonNode> members = snapshotsOf(id);
        assertThat(members).extracting(s -> s.get("volume_id").asString()).containsExactlyInAnyOrder(a, b);
        assertThat(members).allSatisfy(s -> {
            assertThat(s.get("status").asString()).isEqualTo("available");
            assertThat(s.get("name").asString()).isEqualTo("gs1");
        });
        String member = members.get(0).get("id").asString();
        // as Cinder's v3 view: in the detailed views (show, detail) only, not in the summary list
        assertThat(hal("GET", "snapshots/" + member, null).json().at("/snapshot/group_snapshot_id").asString())
                .isEqualTo(id);
        assertThat(hal("GET", "snapshots", null).json().get("snapshots").get(0).has("group_snapshot_id")).isFalse();
        assertThat(call(hal, "GET", v3("p-hal", "snapshots/" + member), null, "OpenStack-API-Version",
                "volume 3.13").json().get("snapshot").has("group_snapshot_id")).isFalse();

        JsonNode list = hal("GET", "group_snapshots", null).json().get("group_snapshots");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).propertyNames()).containsExactlyInAnyOrder("id", "name");
        assertThat(hal("GET", "group_snapshots/detail", null).json().at("/group_snapshots/0/status").asString())
                .isEqualTo("available");
        Reply hidden = call(other, "GET", v3("p-hal-other", "group_snapshots/" + id), null,
                "OpenStack-API-Version", V);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().at("/itemNotFound/message").asString())
                .isEqualTo("GroupSnapshot " + id + " could not be found.");
        assertThat(call(other, "GET", v3("p-hal-other", "group_snapshots"), null, "OpenStack-API-Version", V)
                .json().get("group_snapshots")).isEmpty();
        assertThat(call(other, "DELETE", v3("p-hal-other", "group_snapshots/" + id), null,
                "OpenStack-API-Version", V).status()).isEqualTo(404);

        // a member snapshot is not deleted alone, nor the group while it has a group snapshot
        Reply alone = hal("DELETE", "snapshots/" + member, null);
        assertThat(alone.status()).isEqualTo(400);
        assertThat(alone.json().at("/badRequest/message").asString()).isEqualTo("Invalid snapshot: Snapshot status"
                + " must be available or error and must not be part of a group.");
        Reply groupDelete = hal("POST", "groups/" + group + "/action", "{\"delete\": {\"delete-volumes\": true}}");
        assertThat(groupDelete.status()).isEqualTo(400);
        assertThat(groupDelete.json().at("/badRequest/message").asString())
                .isEqualTo("Invalid Group: Group has existing snapshots.");
        assertThat(hal("GET", "groups/" + group, null).json().at("/group/status").asString()).isEqualTo("available");

        // create-from-src: a group of the same type, one volume from each snapshot
        Reply copy = hal("POST", "groups/action", "{\"create-from-src\": {\"name\": \" copy \","
                + " \"group_snapshot_id\": \"" + id + "\"}}");
        assertThat(copy.status()).as(copy.body()).isEqualTo(202);
        assertThat(copy.json().get("group").propertyNames()).containsExactlyInAnyOrder("id", "name");
        assertThat(copy.json().at("/group/name").asString()).isEqualTo("copy");
        String copyId = copy.json().at("/group/id").asString();
        JsonNode copied = await("groups", "group", copyId, "available");
        assertThat(copied.get("group_type").asString()).isEqualTo(typeId);
        assertThat(copied.get("group_snapshot_id").asString()).isEqualTo(id);
        assertThat(copied.get("source_group_id").isNull()).isTrue();
        assertThat(hal("GET", "groups/" + group, null).json().get("group").get("group_snapshot_id").isNull()).isTrue();
        assertThat(call(hal, "GET", v3("p-hal", "groups/" + copyId), null, "OpenStack-API-Version", "volume 3.13")
                .json().get("group").has("group_snapshot_id")).isFalse();
        List<JsonNode> copies = hal("GET", "volumes/detail", null).json().get("volumes").valueStream()
                .filter(v -> copyId.equals(v.get("group_id").asString(null))).toList();
        assertThat(copies).extracting(v -> v.get("snapshot_id").asString())
                .containsExactlyInAnyOrderElementsOf(members.stream().map(s -> s.get("id").asString()).toList());
        assertThat(copies).allSatisfy(v -> assertThat(v.get("status").asString()).isEqualTo("available"));

        // delete: the group snapshot and its snapshots go; then the group may go
        assertThat(hal("DELETE", "group_snapshots/" + id, null).status()).isEqualTo(202);
        await("group_snapshots", "group_snapshot", id, "deleted");
        for (JsonNode s : members) {
            await("snapshots", "snapshot", s.get("id").asString(), "deleted");
        }
        assertThat(hal("GET", "group_snapshots", null).json().get("group_snapshots")).isEmpty();
        assertThat(hal("DELETE", "group_snapshots/" + id, null).status()).isEqualTo(404);
        assertThat(hal("POST", "groups/" + copyId + "/action", "{\"delete\": {\"delete-volumes\": true}}").status())
                .isEqualTo(202);
        assertThat(hal("POST", "groups/" + group + "/action", "{\"delete\": {\"delete-volumes\": true}}").status())
                .isEqualTo(202);
        await("groups", "group", group, "deleted");
    }

    @Test
    void anEmptyGroupSnapshotAndACloneOfAGroup() throws Exception {
        String empty = group("gs-t2");
        String id = groupSnapshot(empty, "nothing");
        await("group_snapshots", "group_snapshot", id, "available");
        Reply none = hal("POST", "groups/action", "{\"create-from-src\": {\"group_snapshot_id\": \"" + id + "\"}}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().at("/badRequest/message").asString())
                .isEqualTo("Invalid Group: Group snapshot is empty. No group will be created.");
        Reply emptySource = hal("POST", "groups/action", "{\"create-from-src\": {\"source_group_id\": \"" + empty
                + "\"}}");
        assertThat(emptySource.json().at("/badRequest/message").asString())
                .isEqualTo("Invalid Group: Source Group is empty. No group will be created.");
        assertThat(hal("DELETE", "group_snapshots/" + id, null).status()).isEqualTo(202);
        await("group_snapshots", "group_snapshot", id, "deleted");

        String source = group("gs-t3");
        String v = volumeIn(source);
        Reply clone = hal("POST", "groups/action", "{\"create-from-src\": {\"source_group_id\": \"" + source
                + "\"}}");
        assertThat(clone.status()).as(clone.body()).isEqualTo(202);
        String cloneId = clone.json().at("/group/id").asString();
        JsonNode cloned = await("groups", "group", cloneId, "available");
        assertThat(cloned.get("source_group_id").asString()).isEqualTo(source);
        assertThat(cloned.get("group_snapshot_id").isNull()).isTrue();
        assertThat(hal("GET", "volumes/detail", null).json().get("volumes").valueStream()
                .filter(x -> cloneId.equals(x.get("group_id").asString(null)))
                .map(x -> x.get("source_volid").asString()).toList()).containsExactly(v);
    }

    @Test
    void aSnapshotThatFailsLeavesTheGroupSnapshotInError() throws Exception {
        String group = group("gs-t6");
        String a = volumeIn(group);
        String b = volumeIn(group);
        loseBytesOf(b); // so its snapshot fails
        String id = groupSnapshot(group, "half");
        await("group_snapshots", "group_snapshot", id, "error");
        List<JsonNode> members = snapshotsOf(id);
        assertThat(members).extracting(s -> s.get("volume_id").asString() + " " + s.get("status").asString())
                .containsExactlyInAnyOrder(a + " available", b + " error");
        Reply from = hal("POST", "groups/action", "{\"create-from-src\": {\"group_snapshot_id\": \"" + id + "\"}}");
        assertThat(from.status()).isEqualTo(400);
        assertThat(from.json().at("/badRequest/message").asString()).isEqualTo("Invalid snapshot: Originating"
                + " snapshot status must be 'available' to create a volume, not error.");
        // an errored group snapshot is deleted, its snapshots with it
        assertThat(hal("DELETE", "group_snapshots/" + id, null).status()).isEqualTo(202);
        await("group_snapshots", "group_snapshot", id, "deleted");
        for (JsonNode s : members) {
            await("snapshots", "snapshot", s.get("id").asString(), "deleted");
        }
    }

    @Test
    void aGroupWhoseCloneFailsGoesToError() throws Exception {
        String source = group("gs-t7");
        String v = volumeIn(source);
        loseBytesOf(v); // so its clone fails
        Reply clone = hal("POST", "groups/action", "{\"create-from-src\": {\"source_group_id\": \"" + source
                + "\"}}");
        assertThat(clone.status()).as(clone.body()).isEqualTo(202);
        String id = clone.json().at("/group/id").asString();
        // its one volume fails to be made: the group goes to error, and is deleted with it
        JsonNode failed = awaitStatus(hal, "p-hal", "groups", "group", id, "error", "OpenStack-API-Version", V);
        assertThat(failed.get("source_group_id").asString()).isEqualTo(source);
        assertThat(hal("POST", "groups/" + id + "/action", "{\"delete\": {\"delete-volumes\": true}}").status())
                .isEqualTo(202);
        await("groups", "group", id, "deleted");
    }

    @Test
    void badGroupSnapshotsAreCindersErrors() throws Exception {
        String group = group("gs-t4");
        assertThat(hal("POST", "group_snapshots", "{}").status()).isEqualTo(400);
        assertThat(hal("POST", "group_snapshots", "{\"group_snapshot\": {}}").status()).isEqualTo(400);
        assertThat(hal("POST", "group_snapshots", "{\"group_snapshot\": {\"group_id\": null}}").status())
                .isEqualTo(400);
        assertThat(hal("POST", "group_snapshots", "{\"group_snapshot\": {\"group_id\": \"" + group + "\","
                + " \"force\": true}}").status()).isEqualTo(400);
        assertThat(hal("POST", "group_snapshots", "{\"group_snapshot\": {\"group_id\": \"" + group + "\"},"
                + " \"extra\": 1}").status()).isEqualTo(400);
        Reply missing = hal("POST", "group_snapshots", "{\"group_snapshot\": {\"group_id\": \"" + NONE + "\"}}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/itemNotFound/message").asString())
                .isEqualTo("Group " + NONE + " could not be found.");
        Reply foreign = call(other, "POST", v3("p-hal-other", "group_snapshots"), "{\"group_snapshot\":"
                + " {\"group_id\": \"" + group + "\"}}", "OpenStack-API-Version", V);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(message(foreign)).isEqualTo("Group " + group + " could not be found.");
        assertThat(hal("GET", "group_snapshots/" + NONE, null).status()).isEqualTo(404);
        assertThat(message(hal("DELETE", "group_snapshots/" + NONE, null)))
                .isEqualTo("GroupSnapshot " + NONE + " could not be found.");
        Reply noSource = hal("POST", "groups/action", "{\"create-from-src\": {\"group_snapshot_id\": \"" + NONE
                + "\"}}");
        assertThat(noSource.status()).isEqualTo(404);
        assertThat(message(noSource)).isEqualTo("GroupSnapshot " + NONE + " could not be found.");
        assertThat(hal("POST", "groups/action", "{\"create-from-src\": {}}").status()).isEqualTo(400);
        assertThat(hal("POST", "groups/action", "{\"create-from-src\": {\"group_snapshot_id\": \"" + NONE + "\","
                + " \"source_group_id\": \"" + group + "\"}}").status()).isEqualTo(400);
        assertThat(hal("GET", "group_snapshots", null).json().get("group_snapshots")).isEmpty();
    }

    @Test
    void groupSnapshotsAre404Before3_14And406After() throws Exception {
        String group = group("gs-t5");
        for (String path : List.of("group_snapshots", "group_snapshots/detail", "group_snapshots/" + NONE)) {
            assertThat(call(hal, "GET", v3("p-hal", path), null, "OpenStack-API-Version", "volume 3.13").status())
                    .as(path).isEqualTo(404);
        }
        assertThat(call(hal, "POST", v3("p-hal", "group_snapshots"), "{\"group_snapshot\": {\"group_id\": \""
                + group + "\"}}", "OpenStack-API-Version", "volume 3.13").status()).isEqualTo(404);
        assertThat(call(hal, "POST", v3("p-hal", "groups/action"), "{\"create-from-src\": {\"source_group_id\": \""
                + group + "\"}}", "OpenStack-API-Version", "volume 3.13").status()).isEqualTo(404);
        assertThat(call(hal, "GET", v3("p-hal", "group_snapshots"), null).status()).isEqualTo(404);
        assertThat(call(hal, "GET", v3("p-hal", "group_snapshots"), null, "OpenStack-API-Version", "volume 3.99")
                .status()).isEqualTo(406);
        assertThat(hal("GET", "groups/" + group, null).json().at("/group/status").asString()).isEqualTo("available");
    }

    private Reply admin(String method, String rest, String body, String version) throws Exception {
        return call(admin, method, v3("p-hal", rest), body, "OpenStack-API-Version", "volume " + version);
    }

    @Test
    void groupSnapshotResetStatusFrom3_19() throws Exception {
        // in a project of its own: the other tests count p-hal's group snapshots
        String ida = TestTokens.project("p-ida", "member");
        Reply t = call(admin, "POST", v3("p-admin", "group_types"), "{\"group_type\": {\"name\": \"gs-t19\"}}",
                "OpenStack-API-Version", V);
        assertThat(t.status()).as(t.body()).isEqualTo(202);
        Reply g = call(ida, "POST", v3("p-ida", "groups"), "{\"group\": {\"group_type\": \"gs-t19\","
                + " \"volume_types\": [\"__DEFAULT__\"]}}", "OpenStack-API-Version", V);
        assertThat(g.status()).as(g.body()).isEqualTo(202);
        String group = g.json().at("/group/id").asString();
        Reply made = call(ida, "POST", v3("p-ida", "group_snapshots"), "{\"group_snapshot\": {\"group_id\": \""
                + group + "\"}}", "OpenStack-API-Version", V);
        assertThat(made.status()).as(made.body()).isEqualTo(202);
        String gs = made.json().at("/group_snapshot/id").asString();
        awaitStatus(ida, "p-ida", "group_snapshots", "group_snapshot", gs, "available", "OpenStack-API-Version", V);
        String action = "group_snapshots/" + gs + "/action";
        assertThat(admin("POST", action, "{\"reset_status\": {\"status\": \"error\"}}", "3.18").status())
                .isEqualTo(404);
        Reply r = admin("POST", action, "{\"reset_status\": {\"status\": \"ERROR\"}}", "3.19");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.body()).isEmpty();
        assertThat(call(ida, "GET", v3("p-ida", "group_snapshots/" + gs), null, "OpenStack-API-Version", V).json()
                .at("/group_snapshot/status").asString()).isEqualTo("error");
        Reply bad = admin("POST", action, "{\"reset_status\": {\"status\": \"in-use\"}}", "3.19");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(message(bad)).isEqualTo("Invalid GroupSnapshot Status: Group snapshot status: in-use is invalid,"
                + " valid statuses are: ('error', 'available', 'creating', 'deleting', 'deleted', 'updating',"
                + " 'error_deleting').");
        assertThat(message(admin("POST", action, "{\"reset_status\": {\"status\": \" \"}}", "3.19")))
                .isEqualTo("Invalid GroupSnapshot Status: The 'status' can not be empty.");
        assertThat(admin("POST", action, "{\"reset_status\": {}}", "3.19").status()).isEqualTo(400);
        assertThat(admin("POST", action, "{\"reset_status\": {\"status\": \"error\", \"x\": 1}}", "3.19")
                .status()).isEqualTo(400);
        assertThat(admin("POST", "group_snapshots/" + NONE + "/action", "{\"reset_status\": {\"status\":"
                + " \"error\"}}", "3.19").status()).isEqualTo(404);
        // the owner may not (admin_api)
        assertThat(call(ida, "POST", v3("p-ida", action), "{\"reset_status\": {\"status\": \"available\"}}",
                "OpenStack-API-Version", "volume 3.19").status()).isEqualTo(403);
        // an error group snapshot can be deleted, with its snapshots
        assertThat(admin("POST", action, "{\"reset_status\": {\"status\": \"available\"}}", "3.19").status())
                .isEqualTo(202);
        assertThat(call(ida, "DELETE", v3("p-ida", "group_snapshots/" + gs), null, "OpenStack-API-Version", V)
                .status()).isEqualTo(202);
        awaitStatus(ida, "p-ida", "group_snapshots", "group_snapshot", gs, "deleted", "OpenStack-API-Version", V);
    }

    @Test
    void groupResetStatusFrom3_20() throws Exception {
        String group = group("gs-t20");
        String action = "groups/" + group + "/action";
        Reply before = admin("POST", action, "{\"reset_status\": {\"status\": \"error\"}}", "3.19");
        assertThat(before.status()).isEqualTo(404);
        Reply r = admin("POST", action, "{\"reset_status\": {\"status\": \"Error\"}}", "3.20");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(hal("GET", "groups/" + group, null).json().at("/group/status").asString()).isEqualTo("error");
        Reply bad = admin("POST", action, "{\"reset_status\": {\"status\": \"bogus\"}}", "3.20");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(message(bad)).startsWith("Invalid Group Status: Group status: bogus is invalid, valid status are:");
        assertThat(admin("POST", action, "{\"reset_status\": {}}", "3.20").status()).isEqualTo(400);
        assertThat(admin("POST", "groups/" + NONE + "/action", "{\"reset_status\": {\"status\": \"error\"}}",
                "3.20").status()).isEqualTo(404);
        assertThat(call(hal, "POST", v3("p-hal", action), "{\"reset_status\": {\"status\": \"available\"}}",
                "OpenStack-API-Version", "volume 3.20").status()).isEqualTo(403);
        assertThat(admin("POST", action, "{\"reset_status\": {\"status\": \"available\"}}", "3.20").status())
                .isEqualTo(202);
        assertThat(hal("GET", "groups/" + group, null).json().at("/group/status").asString())
                .isEqualTo("available");
        // delete still works from the reset status
        assertThat(hal("POST", action, "{\"delete\": {}}").status()).isEqualTo(202);
    }

    @Test
    void groupVolumesListedFrom3_25() throws Exception {
        String group = group("gs-t25");
        String a = volumeIn(group);
        String b = volumeIn(group);
        String v325 = "volume 3.25";
        JsonNode shown = call(hal, "GET", v3("p-hal", "groups/" + group + "?list_volume=True"), null,
                "OpenStack-API-Version", v325).json().get("group");
        assertThat(shown.get("volumes").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder(a, b);
        JsonNode detail = call(hal, "GET", v3("p-hal", "groups/detail?list_volume=1"), null,
                "OpenStack-API-Version", v325).json().get("groups");
        assertThat(detail.valueStream().filter(g -> g.get("id").asString().equals(group)).findFirst().orElseThrow()
                .get("volumes")).hasSize(2);
        // without list_volume, or before 3.25: no volumes
        assertThat(call(hal, "GET", v3("p-hal", "groups/" + group), null, "OpenStack-API-Version", v325).json()
                .get("group").has("volumes")).isFalse();
        assertThat(call(hal, "GET", v3("p-hal", "groups/" + group + "?list_volume=false"), null,
                "OpenStack-API-Version", v325).json().get("group").has("volumes")).isFalse();
        assertThat(call(hal, "GET", v3("p-hal", "groups/" + group + "?list_volume=true"), null,
                "OpenStack-API-Version", "volume 3.24").json().get("group").has("volumes")).isFalse();
        Reply bad = call(hal, "GET", v3("p-hal", "groups/" + group + "?list_volume=maybe"), null,
                "OpenStack-API-Version", v325);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(message(bad)).isEqualTo("Value 'maybe' for 'list_volume' is not a boolean.");
        // the summary list is unchanged
        assertThat(call(hal, "GET", v3("p-hal", "groups?list_volume=true"), null, "OpenStack-API-Version", v325)
                .json().get("groups").get(0).has("volumes")).isFalse();
    }
}
