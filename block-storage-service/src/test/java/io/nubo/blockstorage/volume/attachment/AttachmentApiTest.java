package io.nubo.blockstorage.volume.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The old attach actions and the connection info, over HTTP. */
@org.junit.jupiter.api.Tag("integration")
class AttachmentApiTest extends BlockStorageHttpTest {

    final String erin = TestTokens.project("p-erin", "member");
    static final String SERVER = "5e1e2d4c-0000-4000-8000-0000000000aa";

    Reply act(String id, String body) throws Exception {
        return call(erin, "POST", v3("p-erin", "volumes/" + id + "/action"), body);
    }

    String status(String id) throws Exception {
        return call(erin, "GET", v3("p-erin", "volumes/" + id), null).json().get("volume").get("status").asString();
    }

    @Test
    void reserveAttachDetachWalkTheStatusesAndRefuseWhatCinderRefuses() throws Exception {
        String id = volume(erin, "p-erin", "{\"volume\": {\"size\": 1}}", "available");
        assertThat(act(id, "{\"os-reserve\": {}}").status()).isEqualTo(202);
        assertThat(status(id)).isEqualTo("attaching");
        assertThat(act(id, "{\"os-reserve\": {}}").status()).isEqualTo(400);
        assertThat(act(id, "{\"os-unreserve\": {}}").status()).isEqualTo(202);
        assertThat(status(id)).isEqualTo("available");

        Reply conn = act(id, "{\"os-initialize_connection\": {\"connector\": {\"host\": \"compute-1\","
                + " \"initiator\": \"iqn.1993-08.org.debian:01:x\"}}}");
        assertThat(conn.status()).isEqualTo(200);
        JsonNode info = conn.json().get("connection_info");
        assertThat(info.get("driver_volume_type").asString()).isEqualTo("file");
        assertThat(info.get("data").get("path").asString()).endsWith("volume-" + id + ".qcow2");
        assertThat(info.get("data").get("access_mode").asString()).isEqualTo("rw");
        assertThat(act(id, "{\"os-initialize_connection\": {}}").status()).isEqualTo(400);

        assertThat(act(id, "{\"os-reserve\": {}}").status()).isEqualTo(202);
        assertThat(act(id, "{\"os-attach\": {\"instance_uuid\": \"" + SERVER + "\", \"mountpoint\": \"/dev/vdb\","
                + " \"mode\": \"xx\"}}").status()).isEqualTo(400);
        assertThat(act(id, "{\"os-attach\": {\"instance_uuid\": \"" + SERVER + "\", \"mountpoint\": \"/dev/vdb\"}}")
                .status()).isEqualTo(202);
        JsonNode v = call(erin, "GET", v3("p-erin", "volumes/" + id), null).json().get("volume");
        assertThat(v.get("status").asString()).isEqualTo("in-use");
        JsonNode a = v.get("attachments").get(0);
        assertThat(a.get("server_id").asString()).isEqualTo(SERVER);
        assertThat(a.get("device").asString()).isEqualTo("/dev/vdb");
        assertThat(a.get("volume_id").asString()).isEqualTo(id);
        // attached: no second attach, no delete, no extend at 3.0
        assertThat(act(id, "{\"os-attach\": {\"instance_uuid\": \"" + SERVER + "\"}}").status()).isEqualTo(400);
        assertThat(call(erin, "DELETE", v3("p-erin", "volumes/" + id), null).status()).isEqualTo(400);
        assertThat(act(id, "{\"os-extend\": {\"new_size\": 2}}").status()).isEqualTo(400);
        assertThat(status(id)).isEqualTo("in-use");

        assertThat(act(id, "{\"os-begin_detaching\": {}}").status()).isEqualTo(202);
        assertThat(status(id)).isEqualTo("detaching");
        assertThat(act(id, "{\"os-roll_detaching\": {}}").status()).isEqualTo(202);
        assertThat(status(id)).isEqualTo("in-use");
        assertThat(act(id, "{\"os-detach\": {\"attachment_id\": \"nope\"}}").status()).isEqualTo(404);
        assertThat(act(id, "{\"os-detach\": {\"attachment_id\": \"" + a.get("attachment_id").asString() + "\"}}")
                .status()).isEqualTo(202);
        assertThat(status(id)).isEqualTo("available");
        assertThat(call(erin, "GET", v3("p-erin", "volumes/" + id), null).json().get("volume").get("attachments"))
                .isEmpty();
        assertThat(act(id, "{\"os-detach\": {}}").status()).isEqualTo(400);
        assertThat(act(id, "{\"os-terminate_connection\": {\"connector\": {\"host\": \"compute-1\"}}}").status())
                .isEqualTo(202);
        // another project cannot touch it
        assertThat(call(TestTokens.project("p-frank", "member"), "POST", v3("p-frank", "volumes/" + id + "/action"),
                "{\"os-reserve\": {}}").status()).isEqualTo(404);
    }

    @Test
    void aReadonlyVolumeAttachesReadOnlyOnly() throws Exception {
        String id = volume(erin, "p-erin", "{\"volume\": {\"size\": 1}}", "available");
        act(id, "{\"os-update_readonly_flag\": {\"readonly\": true}}");
        assertThat(act(id, "{\"os-attach\": {\"instance_uuid\": \"" + SERVER + "\", \"mode\": \"rw\"}}").status())
                .isEqualTo(400);
        assertThat(act(id, "{\"os-initialize_connection\": {\"connector\": {\"host\": \"h\"}}}").json()
                .get("connection_info").get("data").get("access_mode").asString()).isEqualTo("ro");
        assertThat(act(id, "{\"os-attach\": {\"instance_uuid\": \"" + SERVER + "\", \"mode\": \"ro\"}}").status())
                .isEqualTo(202);
        assertThat(status(id)).isEqualTo("in-use");
    }
}
