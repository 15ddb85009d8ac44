package io.nubo.blockstorage.volume.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Microversion 3.13: generic volume groups as Cinder answers them (create 202 with the summary, list, detail,
 * show, update 202, action delete 202), a volume's {@code group_id} from 3.13, and Cinder's refusals.
 */
@org.junit.jupiter.api.Tag("integration")
class GroupApiTest extends BlockStorageHttpTest {

    static final String V = "volume 3.13";
    final String gus = TestTokens.project("p-gus", "member");
    final String other = TestTokens.project("p-gus-other", "member");
    final String admin = TestTokens.project("p-admin", "admin");

    private Reply gus(String method, String rest, String body) throws Exception {
        return call(gus, method, v3("p-gus", rest), body, "OpenStack-API-Version", V);
    }

    private String groupType(String name) throws Exception {
        Reply r = call(admin, "POST", v3("p-admin", "group_types"), "{\"group_type\": {\"name\": \"" + name + "\"}}",
                "OpenStack-API-Version", V);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().at("/group_type/id").asString();
    }

    private String volumeIn(String group) throws Exception {
        Reply r = gus("POST", "volumes", "{\"volume\": {\"size\": 1" + (group == null ? ""
                : ", \"group_id\": \"" + group + "\"") + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().at("/volume/id").asString();
        awaitStatus(gus, "p-gus", "volumes", "volume", id, "available");
        return id;
    }

    @Test
    void groupsFrom3_13() throws Exception {
        String type = groupType("grp-t1");
        assertThat(call(gus, "GET", v3("p-gus", "groups"), null, "OpenStack-API-Version", "volume 3.12").status())
                .isEqualTo(404);
        Reply made = gus("POST", "groups", "{\"group\": {\"name\": \" g1 \", \"description\": \"d\","
                + " \"group_type\": \"grp-t1\", \"volume_types\": [\"__DEFAULT__\"]}}");
        assertThat(made.status()).as(made.body()).isEqualTo(202);
        String id = made.json().at("/group/id").asString();
        assertThat(made.json().get("group").size()).isEqualTo(2);
        assertThat(made.json().at("/group/name").asString()).isEqualTo("g1");

        JsonNode g = gus("GET", "groups/" + id, null).json().get("group");
        assertThat(g.get("status").asString()).isEqualTo("available");
        assertThat(g.get("group_type").asString()).isEqualTo(type);
        assertThat(g.get("volume_types")).hasSize(1);
        assertThat(g.get("description").asString()).isEqualTo("d");
        assertThat(g.get("availability_zone").asString()).isEqualTo("nova");
        assertThat(g.has("created_at")).isTrue();
        assertThat(gus("GET", "groups", null).json().get("groups").findValuesAsString("id")).containsExactly(id);
        assertThat(gus("GET", "groups/detail", null).json().at("/groups/0/status").asString()).isEqualTo("available");
        assertThat(call(other, "GET", v3("p-gus-other", "groups/" + id), null, "OpenStack-API-Version", V)
                .json().at("/itemNotFound/message").asString()).isEqualTo("Group " + id + " could not be found.");

        // a volume made in the group shows it from 3.13 (and no group_id field before)
        String inside = volumeIn(id);
        assertThat(gus("GET", "volumes/" + inside, null).json().at("/volume/group_id").asString()).isEqualTo(id);
        assertThat(call(gus, "GET", v3("p-gus", "volumes/" + inside), null, "OpenStack-API-Version", "volume 3.12")
                .json().get("volume").has("group_id")).isFalse();
        String outside = volumeIn(null);
        assertThat(gus("GET", "volumes/" + outside, null).json().get("volume").get("group_id").isNull()).isTrue();
        // a volume in a group is deleted only with it
        Reply del = call(gus, "DELETE", v3("p-gus", "volumes/" + inside), null, "OpenStack-API-Version", V);
        assertThat(del.status()).isEqualTo(400);
        assertThat(del.json().at("/badRequest/message").asString()).contains("belong to a group");

        // update: add the outside volume, rename
        assertThat(gus("PUT", "groups/" + id, "{\"group\": {\"name\": \"g2\", \"add_volumes\": \"" + outside
                + "\"}}").status()).isEqualTo(202);
        assertThat(gus("GET", "volumes/" + outside, null).json().at("/volume/group_id").asString()).isEqualTo(id);
        assertThat(gus("GET", "groups/" + id, null).json().at("/group/name").asString()).isEqualTo("g2");
        Reply same = gus("PUT", "groups/" + id, "{\"group\": {\"name\": \"g2\"}}");
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.json().at("/badRequest/message").asString()).isEqualTo("Invalid Group: Cannot update group "
                + id + " because no valid name, description, add_volumes, or remove_volumes were provided.");
        Reply both = gus("PUT", "groups/" + id, "{\"group\": {\"add_volumes\": \"" + outside + "\","
                + " \"remove_volumes\": \"" + outside + "\"}}");
        assertThat(both.json().at("/badRequest/message").asString()).isEqualTo("Invalid volume: UUIDs ['" + outside
                + "'] are in both add and remove volume list.");
        Reply missing = gus("PUT", "groups/" + id, "{\"group\": {\"add_volumes\": \"nope\"}}");
        assertThat(missing.json().at("/badRequest/message").asString()).isEqualTo("Invalid volume: Cannot add volume"
                + " nope to group " + id + " because volume cannot be found.");
        assertThat(gus("PUT", "groups/" + id, "{\"group\": {\"remove_volumes\": \"" + outside + "\"}}").status())
                .isEqualTo(202);
        assertThat(gus("GET", "volumes/" + outside, null).json().get("volume").get("group_id").isNull()).isTrue();

        // a used group type is not deleted
        Reply typeDel = call(admin, "DELETE", v3("p-admin", "group_types/" + type), null, "OpenStack-API-Version", V);
        assertThat(typeDel.status()).isEqualTo(400);
        assertThat(typeDel.json().at("/badRequest/message").asString()).isEqualTo("Target group type is still in use.");

        // delete: refused while it holds volumes, unless delete-volumes
        Reply full = gus("POST", "groups/" + id + "/action", "{\"delete\": {}}");
        assertThat(full.status()).isEqualTo(400);
        assertThat(full.json().at("/badRequest/message").asString()).isEqualTo("Invalid Group: Group " + id
                + " still contains volumes. The delete-volumes flag is required to delete it.");
        assertThat(gus("POST", "groups/" + id + "/action", "{\"delete\": {\"delete-volumes\": true}}").status())
                .isEqualTo(202);
        assertThat(gus("GET", "groups/" + id, null).status()).isEqualTo(404);
        awaitStatus(gus, "p-gus", "volumes", "volume", inside, "deleted");
        assertThat(gus("GET", "volumes/" + outside, null).status()).isEqualTo(200);
        assertThat(call(admin, "DELETE", v3("p-admin", "group_types/" + type), null, "OpenStack-API-Version", V)
                .status()).isEqualTo(202);
    }

    @Test
    void badGroupsAreCindersErrors() throws Exception {
        groupType("grp-t2");
        Reply noType = gus("POST", "groups", "{\"group\": {\"group_type\": \"nope\", \"volume_types\":"
                + " [\"__DEFAULT__\"]}}");
        assertThat(noType.status()).isEqualTo(404);
        assertThat(noType.json().at("/itemNotFound/message").asString()).isEqualTo("Group type nope could not be found.");
        Reply noVolType = gus("POST", "groups", "{\"group\": {\"group_type\": \"grp-t2\", \"volume_types\": [\"x\"]}}");
        assertThat(noVolType.status()).isEqualTo(404);
        assertThat(noVolType.json().at("/itemNotFound/message").asString())
                .isEqualTo("Volume type x could not be found.");
        assertThat(gus("POST", "groups", "{\"group\": {\"group_type\": \"grp-t2\"}}").status()).isEqualTo(400);
        assertThat(gus("POST", "groups", "{\"group\": {\"group_type\": \"grp-t2\", \"volume_types\": []}}").status())
                .isEqualTo(400);
        Reply zone = gus("POST", "groups", "{\"group\": {\"group_type\": \"grp-t2\", \"volume_types\":"
                + " [\"__DEFAULT__\"], \"availability_zone\": \"mars\"}}");
        assertThat(zone.json().at("/badRequest/message").asString())
                .isEqualTo("Invalid input received: Availability zone 'mars' is invalid.");
        assertThat(gus("GET", "groups/00000000-0000-0000-0000-000000000000", null).status()).isEqualTo(404);
        assertThat(gus("POST", "volumes", "{\"volume\": {\"size\": 1, \"group_id\":"
                + " \"00000000-0000-0000-0000-000000000000\"}}").json().at("/itemNotFound/message").asString())
                .isEqualTo("Group 00000000-0000-0000-0000-000000000000 could not be found.");
        assertThat(gus("PUT", "groups/00000000-0000-0000-0000-000000000000", "{\"group\": {}}").status())
                .isEqualTo(400);
    }

    @Test
    void aRefusedDeleteLeavesGroupAndVolumes() throws Exception {
        groupType("grp-t3");
        String id = gus("POST", "groups", "{\"group\": {\"name\": \"g3\", \"group_type\": \"grp-t3\","
                + " \"volume_types\": [\"__DEFAULT__\"]}}").json().at("/group/id").asString();
        String plain = volumeIn(id);
        String snapped = volumeIn(id);
        Reply snap = gus("POST", "snapshots", "{\"snapshot\": {\"volume_id\": \"" + snapped + "\"}}");
        assertThat(snap.status()).as(snap.body()).isEqualTo(202);
        awaitStatus(gus, "p-gus", "snapshots", "snapshot", snap.json().at("/snapshot/id").asString(), "available");
        Reply refused = gus("POST", "groups/" + id + "/action", "{\"delete\": {\"delete-volumes\": true}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/badRequest/message").asString())
                .isEqualTo("Invalid Group: Volume in group still has dependent snapshots.");
        assertThat(gus("GET", "groups/" + id, null).json().at("/group/status").asString()).isEqualTo("available");
        assertThat(gus("GET", "volumes/" + plain, null).json().at("/volume/status").asString()).isEqualTo("available");
        assertThat(gus("GET", "volumes/" + snapped, null).json().at("/volume/status").asString())
                .isEqualTo("available");
    }
}
