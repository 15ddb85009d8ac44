package io.nubo.blockstorage.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Microversion 3.42: os-extend of an in-use volume (Cinder's extend_attached_volume). Below 3.42 an attached volume
 * is refused as before; at 3.42 it turns extending, the backend grows it (here the qcow2 file, checked with
 * qemu-img) and it is in-use again at the new size, announced with {@code block-storage.volume.resized} for compute
 * to resize the server's disk. Wrong status and a size that does not grow stay 400.
 */
@org.junit.jupiter.api.Tag("integration")
class ExtendAttachedApiTest extends BlockStorageHttpTest {

    static final String V341 = "volume 3.41";
    static final String V342 = "volume 3.42";
    final String ivy = TestTokens.project("p-ivy", "member");
    final String admin = TestTokens.project("p-admin", "admin");

    @Autowired
    JdbcTemplate jdbc;

    Reply extend(String vol, int size, String version) throws Exception {
        return call(ivy, "POST", v3("p-ivy", "volumes/" + vol + "/action"), "{\"os-extend\": {\"new_size\": "
                + size + "}}", "OpenStack-API-Version", version);
    }

    String attached() throws Exception {
        String vol = volume(ivy, "p-ivy", "{\"volume\": {\"size\": 1}}", "available");
        assertThat(call(ivy, "POST", v3("p-ivy", "volumes/" + vol + "/action"), "{\"os-attach\": {\"instance_uuid\":"
                + " \"6b0b2d5e-8f55-4a43-9a2e-000000000042\", \"mountpoint\": \"/dev/vdb\"}}").status())
                .isEqualTo(202);
        return vol;
    }

    @Test
    void anInUseVolumeGrowsAt342AndStaysAttached() throws Exception {
        String vol = attached();
        Reply old = extend(vol, 2, V341);
        assertThat(old.status()).isEqualTo(400);
        assertThat(old.json().at("/badRequest/message").asString())
                .isEqualTo("Invalid volume: Volume " + vol + " status must be available to extend, but current status is: in-use.");

        Reply r = extend(vol, 2, V342);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.header("OpenStack-API-Version")).isEqualTo(V342);
        JsonNode v = awaitStatus(ivy, "p-ivy", "volumes", "volume", vol, "in-use");
        assertThat(v.get("size").asInt()).isEqualTo(2);
        assertThat(v.get("attachments")).hasSize(1);
        assertThat(v.at("/attachments/0/server_id").asString()).isEqualTo("6b0b2d5e-8f55-4a43-9a2e-000000000042");
        Path file = Path.of(DATA_DIR, "blockstorage", "file", "volumes", "volume-" + vol + ".qcow2");
        assertThat(io.nubo.blockstorage.backend.QemuImg.virtualSize(file.toString(), "qcow2")).isEqualTo(2L << 30);
        List<JsonNode> resized = jdbc.queryForList("select envelope from nubo_outbox where message_key = ? order by id",
                String.class, vol).stream().map(JSON::readTree)
                .filter(e -> e.get("event_type").asString().equals("block-storage.volume.resized")).toList();
        assertThat(resized).hasSize(1);
        assertThat(resized.get(0).at("/payload/old_size_gb").asInt()).isEqualTo(1);
        assertThat(resized.get(0).at("/payload/new_size_gb").asInt()).isEqualTo(2);

        // not larger than it is now: 400, and nothing changes
        Reply same = extend(vol, 2, V342);
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.json().at("/badRequest/message").asString())
                .isEqualTo("Invalid input received: New size for extend must be greater than current size. (current: 2, extended: 2).");
        assertThat(extend(vol, 1, V342).status()).isEqualTo(400);
        assertThat(call(ivy, "GET", v3("p-ivy", "volumes/" + vol), null).json().at("/volume/status").asString())
                .isEqualTo("in-use");
    }

    @Test
    void aVolumeNeitherAvailableNorInUseIsRefusedAt342() throws Exception {
        String vol = volume(ivy, "p-ivy", "{\"volume\": {\"size\": 1}}", "available");
        assertThat(call(ivy, "POST", v3("p-ivy", "volumes/" + vol + "/action"), "{\"os-reserve\": null}").status())
                .isEqualTo(202);
        Reply reserved = extend(vol, 2, V342);
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.json().at("/badRequest/message").asString()).isEqualTo("Invalid volume: Volume " + vol
                + " status must be available or in-use to extend, but current status is: attaching.");
        assertThat(call(admin, "POST", v3("p-admin", "volumes/" + vol + "/action"),
                "{\"os-reset_status\": {\"status\": \"error\"}}").status()).isEqualTo(202);
        assertThat(extend(vol, 2, V342).status()).isEqualTo(400);
        JsonNode v = call(ivy, "GET", v3("p-ivy", "volumes/" + vol), null).json().get("volume");
        assertThat(v.get("status").asString()).isEqualTo("error");
        assertThat(v.get("size").asInt()).isEqualTo(1);
    }

    @Test
    void anAvailableVolumeStillGrowsToAvailableAt342() throws Exception {
        String vol = volume(ivy, "p-ivy", "{\"volume\": {\"size\": 1}}", "available");
        assertThat(extend(vol, 3, V342).status()).isEqualTo(202);
        assertThat(awaitStatus(ivy, "p-ivy", "volumes", "volume", vol, "available").get("size").asInt())
                .isEqualTo(3);
    }

    /** The backend fails (here the volume's file is gone): error_extending, as Cinder, never left extending. */
    @Test
    void aBackendFailureEndsInErrorExtendingWithAUserMessage() throws Exception {
        String vol = attached();
        java.nio.file.Files.delete(Path.of(DATA_DIR, "blockstorage", "file", "volumes", "volume-" + vol + ".qcow2"));
        assertThat(extend(vol, 2, V342).status()).isEqualTo(202);
        JsonNode v = awaitStatus(ivy, "p-ivy", "volumes", "volume", vol, "error_extending");
        assertThat(v.get("size").asInt()).isEqualTo(1);
        JsonNode messages = call(ivy, "GET", v3("p-ivy", "messages"), null, "OpenStack-API-Version", V342).json()
                .get("messages");
        assertThat(messages.findValuesAsString("resource_uuid")).contains(vol);
        assertThat(messages.toString()).contains("VOLUME_VOLUME_007_010");
    }
}
