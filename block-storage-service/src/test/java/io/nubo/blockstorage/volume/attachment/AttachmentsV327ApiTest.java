package io.nubo.blockstorage.volume.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Microversion 3.27: the v3 attachments API as Cinder answers it (create reserved or connected, show, list,
 * detail, update with a connector, delete), on the same records as the os-* actions: an attachment made through
 * either is seen by both, and a compute attachment is not deleted by a user (409).
 */
@org.junit.jupiter.api.Tag("integration")
class AttachmentsV327ApiTest extends BlockStorageHttpTest {

    static final String V = "volume 3.27";
    static final String SERVER = "5e1e2d4c-0000-4000-8000-0000000000bb";
    static final String NONE = "00000000-0000-0000-0000-000000000000";
    static final String CONNECTOR = "{\"host\": \"compute-1\", \"initiator\": \"iqn.1993-08.org.debian:01:x\","
            + " \"ip\": \"127.0.0.1\", \"mountpoint\": \"/dev/vdc\"}";
    final String fay = TestTokens.project("p-fay", "member");
    final String gus = TestTokens.project("p-gus", "member");
    final String admin = TestTokens.project("p-admin", "admin");

    private Reply fay(String method, String rest, String body) throws Exception {
        return call(fay, method, v3("p-fay", rest), body, "OpenStack-API-Version", V);
    }

    private String volumeStatus(String id) throws Exception {
        return fay("GET", "volumes/" + id, null).json().at("/volume/status").asString();
    }

    private static String message(Reply r) {
        return r.json().values().iterator().next().get("message").asString();
    }

    @Test
    void reserveConnectShowListDelete() throws Exception {
        String vol = volume(fay, "p-fay", "{\"volume\": {\"size\": 1}}", "available");
        // before 3.27 there is no such resource
        assertThat(call(fay, "GET", v3("p-fay", "attachments"), null, "OpenStack-API-Version", "volume 3.26")
                .status()).isEqualTo(404);
        assertThat(call(fay, "POST", v3("p-fay", "attachments"), "{\"attachment\": {\"volume_uuid\": \"" + vol
                + "\"}}", "OpenStack-API-Version", "volume 3.26").status()).isEqualTo(404);

        // a reserve: no connector
        // an empty connector (what cinderclient sends without --connect) is no connector
        Reply made = fay("POST", "attachments", "{\"attachment\": {\"volume_uuid\": \"" + vol + "\","
                + " \"instance_uuid\": \"" + SERVER + "\", \"connector\": {}}}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        JsonNode a = made.json().get("attachment");
        String id = a.get("id").asString();
        assertThat(a.get("status").asString()).isEqualTo("reserved");
        assertThat(a.get("instance").asString()).isEqualTo(SERVER);
        assertThat(a.get("volume_id").asString()).isEqualTo(vol);
        assertThat(a.get("attach_mode").asString()).isEqualTo("null");
        assertThat(a.get("attached_at").asString()).isEmpty();
        assertThat(a.get("detached_at").asString()).isEmpty();
        assertThat(a.get("connection_info").isObject()).isTrue();
        assertThat(a.get("connection_info")).isEmpty();
        assertThat(volumeStatus(vol)).isEqualTo("reserved");
        // a second reserve for another instance is refused; the volume is held
        Reply again = fay("POST", "attachments", "{\"attachment\": {\"volume_uuid\": \"" + vol + "\","
                + " \"instance_uuid\": \"" + NONE + "\"}}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(message(again)).isEqualTo("Invalid volume: Volume " + vol + " status must be available to"
                + " reserve, but the current status is reserved.");
        // the old reserve cannot take it either, and the volume cannot be deleted
        assertThat(call(fay, "DELETE", v3("p-fay", "volumes/" + vol), null).status()).isEqualTo(400);

        // list and detail, filtered
        JsonNode list = fay("GET", "attachments?volume_id=" + vol, null).json().get("attachments");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).propertyNames()).containsExactlyInAnyOrder("id", "status", "instance", "volume_id");
        assertThat(fay("GET", "attachments?instance_id=" + SERVER, null).json().get("attachments")).hasSize(1);
        assertThat(fay("GET", "attachments?status=attached&volume_id=" + vol, null).json().get("attachments"))
                .isEmpty();
        JsonNode detail = fay("GET", "attachments/detail?volume_id=" + vol, null).json().get("attachments");
        assertThat(detail.get(0).has("connection_info")).isTrue();
        // another project sees nothing of it
        assertThat(call(gus, "GET", v3("p-gus", "attachments"), null, "OpenStack-API-Version", V).json()
                .get("attachments")).isEmpty();
        Reply hidden = call(gus, "GET", v3("p-gus", "attachments/" + id), null, "OpenStack-API-Version", V);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(message(hidden)).isEqualTo("Volume attachment could not be found with filter: attachment_id = "
                + id + ".");
        assertThat(call(admin, "GET", v3("p-admin", "attachments?all_tenants=1&volume_id=" + vol), null,
                "OpenStack-API-Version", V).json().get("attachments")).hasSize(1);

        // update with the connector: connected, attaching (completion is 3.44)
        Reply updated = fay("PUT", "attachments/" + id, "{\"attachment\": {\"connector\": " + CONNECTOR + "}}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        JsonNode u = updated.json().get("attachment");
        assertThat(u.get("status").asString()).isEqualTo("attaching");
        assertThat(u.get("attach_mode").asString()).isEqualTo("rw");
        assertThat(u.get("attached_at").asString()).isNotEmpty();
        JsonNode info = u.get("connection_info");
        assertThat(info.get("driver_volume_type").asString()).isEqualTo("file");
        assertThat(info.get("path").asString()).endsWith("volume-" + vol + ".qcow2");
        assertThat(info.get("access_mode").asString()).isEqualTo("rw");
        assertThat(info.get("attachment_id").asString()).isEqualTo(id);
        assertThat(info.get("enforce_multipath").asBoolean()).isFalse();
        assertThat(volumeStatus(vol)).isEqualTo("attaching");
        JsonNode shown = fay("GET", "attachments/" + id, null).json().get("attachment");
        assertThat(shown.get("connection_info")).isEqualTo(info);
        assertThat(shown.get("status").asString()).isEqualTo("attaching");
        // bad updates
        assertThat(fay("PUT", "attachments/" + id, "{\"attachment\": {\"connector\": {}}}").status())
                .isEqualTo(400);
        assertThat(fay("PUT", "attachments/" + id, "{\"attachment\": {}}").status()).isEqualTo(400);
        assertThat(fay("PUT", "attachments/" + NONE, "{\"attachment\": {\"connector\": " + CONNECTOR + "}}")
                .status()).isEqualTo(404);

        // delete: the attachments left (none), the volume available again, the record gone from both views
        Reply deleted = fay("DELETE", "attachments/" + id, null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().get("attachments")).isEmpty();
        assertThat(volumeStatus(vol)).isEqualTo("available");
        assertThat(fay("GET", "attachments/" + id, null).status()).isEqualTo(404);
        assertThat(fay("DELETE", "attachments/" + id, null).status()).isEqualTo(404);
        assertThat(fay("GET", "attachments?volume_id=" + vol, null).json().get("attachments")).isEmpty();
    }

    @Test
    void createWithConnectorAndRefusals() throws Exception {
        String vol = volume(fay, "p-fay", "{\"volume\": {\"size\": 1}}", "available");
        Reply made = fay("POST", "attachments", "{\"attachment\": {\"volume_uuid\": \"" + vol + "\","
                + " \"instance_uuid\": \"" + SERVER + "\", \"connector\": " + CONNECTOR + "}}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        JsonNode a = made.json().get("attachment");
        assertThat(a.get("status").asString()).isEqualTo("attaching");
        assertThat(a.at("/connection_info/driver_volume_type").asString()).isEqualTo("file");
        assertThat(volumeStatus(vol)).isEqualTo("attaching");
        // the same instance may add an attachment to its reserved volume (Cinder's override) only when reserved
        // or in-use; attaching is neither
        assertThat(fay("POST", "attachments", "{\"attachment\": {\"volume_uuid\": \"" + vol + "\","
                + " \"instance_uuid\": \"" + SERVER + "\"}}").status()).isEqualTo(400);
        assertThat(fay("DELETE", "attachments/" + a.get("id").asString(), null).status()).isEqualTo(200);
        assertThat(volumeStatus(vol)).isEqualTo("available");

        // bad input
        assertThat(fay("POST", "attachments", "{\"attachment\": {}}").status()).isEqualTo(400);
        assertThat(fay("POST", "attachments", "{\"attachment\": {\"volume_uuid\": \"" + vol + "\", \"mode\":"
                + " \"ro\"}}").status()).isEqualTo(400);
        assertThat(fay("POST", "attachments", "{\"attachment\": {\"volume_uuid\": \"nope\"}}").status())
                .isEqualTo(400);
        Reply unknown = fay("POST", "attachments", "{\"attachment\": {\"volume_uuid\": \"" + NONE + "\"}}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(message(unknown)).isEqualTo("Volume " + NONE + " could not be found.");
        assertThat(call(gus, "POST", v3("p-gus", "attachments"), "{\"attachment\": {\"volume_uuid\": \"" + vol
                + "\"}}", "OpenStack-API-Version", V).status()).isEqualTo(404);
        // a volume in error
        call(admin, "POST", v3("p-fay", "volumes/" + vol + "/action"), "{\"os-reset_status\": {\"status\":"
                + " \"error\"}}");
        Reply error = fay("POST", "attachments", "{\"attachment\": {\"volume_uuid\": \"" + vol + "\"}}");
        assertThat(error.status()).isEqualTo(400);
        assertThat(message(error)).startsWith("Invalid volume: Volume attachments can not be created if the volume"
                + " is in an error state.");
        String above = "volume 3." + (Integer.parseInt(io.nubo.blockstorage.config.BlockStorageApiConfiguration.MAX
                .substring(2)) + 1);
        assertThat(call(fay, "GET", v3("p-fay", "attachments"), null, "OpenStack-API-Version", above)
                .status()).isEqualTo(406);
    }

    @Test
    void bothApisSeeTheSameRecords() throws Exception {
        // attached through the old actions (as compute does): seen by /attachments, not deleted by a user
        String vol = volume(fay, "p-fay", "{\"volume\": {\"size\": 1}}", "available");
        String action = "volumes/" + vol + "/action";
        assertThat(call(fay, "POST", v3("p-fay", action), "{\"os-reserve\": {}}").status()).isEqualTo(202);
        assertThat(call(fay, "POST", v3("p-fay", action), "{\"os-attach\": {\"instance_uuid\": \"" + SERVER
                + "\", \"mountpoint\": \"/dev/vdb\"}}").status()).isEqualTo(202);
        String attachmentId = fay("GET", "volumes/" + vol, null).json().at("/volume/attachments/0/attachment_id")
                .asString();
        JsonNode shown = fay("GET", "attachments/" + attachmentId, null).json().get("attachment");
        assertThat(shown.get("status").asString()).isEqualTo("attached");
        assertThat(shown.get("instance").asString()).isEqualTo(SERVER);
        assertThat(shown.get("attach_mode").asString()).isEqualTo("rw");
        assertThat(shown.get("attached_at").asString()).isNotEmpty();
        Reply refused = fay("DELETE", "attachments/" + attachmentId, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(message(refused)).isEqualTo("Detach volume from instance " + SERVER + " using the Compute API");
        assertThat(volumeStatus(vol)).isEqualTo("in-use");
        // a service (compute's token) may
        String service = TestTokens.project("p-fay", "member", "service");
        Reply byService = call(service, "DELETE", v3("p-fay", "attachments/" + attachmentId), null,
                "OpenStack-API-Version", V);
        assertThat(byService.status()).as(byService.body()).isEqualTo(200);
        assertThat(volumeStatus(vol)).isEqualTo("available");
        assertThat(fay("GET", "volumes/" + vol, null).json().at("/volume/attachments")).isEmpty();

        // reserved through /attachments: the old os-attach completes it, and the volume shows it
        Reply made = fay("POST", "attachments", "{\"attachment\": {\"volume_uuid\": \"" + vol + "\","
                + " \"instance_uuid\": \"" + SERVER + "\"}}");
        String id = made.json().at("/attachment/id").asString();
        assertThat(call(fay, "POST", v3("p-fay", action), "{\"os-attach\": {\"instance_uuid\": \"" + SERVER
                + "\", \"mountpoint\": \"/dev/vdd\"}}").status()).isEqualTo(202);
        JsonNode v = fay("GET", "volumes/" + vol, null).json().get("volume");
        assertThat(v.get("status").asString()).isEqualTo("in-use");
        assertThat(v.at("/attachments/0/attachment_id").asString()).isEqualTo(id);
        assertThat(fay("GET", "attachments/" + id, null).json().at("/attachment/status").asString())
                .isEqualTo("attached");
        // and the old detach ends it for both
        assertThat(call(fay, "POST", v3("p-fay", action), "{\"os-detach\": {}}").status()).isEqualTo(202);
        assertThat(fay("GET", "attachments/" + id, null).status()).isEqualTo(404);
        assertThat(volumeStatus(vol)).isEqualTo("available");
        assertThat(List.of(fay("GET", "attachments?volume_id=" + vol, null).json().get("attachments").size()))
                .containsExactly(0);
    }
}
