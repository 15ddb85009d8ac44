package io.nubo.blockstorage.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Volume transfers over HTTP: the key moves the volume and its snapshots to the accepting project. */
@Tag("integration")
class TransferApiTest extends BlockStorageHttpTest {

    final String hank = TestTokens.project("p-hank", "member");
    final String iris = TestTokens.project("p-iris", "member");

    String status(String token, String project, String vol) throws Exception {
        return call(token, "GET", v3(project, "volumes/" + vol), null).json().get("volume").get("status").asString();
    }

    @Test
    void aTransferMovesTheVolumeOnlyWithItsKey() throws Exception {
        String vol = volume(hank, "p-hank", "{\"volume\": {\"size\": 1}}", "available");
        String snap = call(hank, "POST", v3("p-hank", "snapshots"), "{\"snapshot\": {\"volume_id\": \"" + vol
                + "\"}}").json().get("snapshot").get("id").asString();
        awaitStatus(hank, "p-hank", "snapshots", "snapshot", snap, "available");
        assertThat(call(iris, "POST", v3("p-iris", "os-volume-transfer"), "{\"transfer\": {\"volume_id\": \"" + vol
                + "\"}}").status()).isEqualTo(404);
        Reply made = call(hank, "POST", v3("p-hank", "os-volume-transfer"), "{\"transfer\": {\"volume_id\": \"" + vol
                + "\", \"name\": \"gift\"}}");
        assertThat(made.status()).isEqualTo(202);
        JsonNode t = made.json().get("transfer");
        String id = t.get("id").asString();
        String key = t.get("auth_key").asString();
        assertThat(key).hasSize(16);
        assertThat(status(hank, "p-hank", vol)).isEqualTo("awaiting-transfer");
        // offered once only, and not deletable while offered
        assertThat(call(hank, "POST", v3("p-hank", "os-volume-transfer"), "{\"transfer\": {\"volume_id\": \"" + vol
                + "\"}}").status()).isEqualTo(400);
        assertThat(call(hank, "DELETE", v3("p-hank", "volumes/" + vol), null).status()).isEqualTo(400);
        JsonNode shown = call(hank, "GET", v3("p-hank", "os-volume-transfer/" + id), null).json().get("transfer");
        assertThat(shown.has("auth_key")).isFalse();
        assertThat(shown.get("volume_id").asString()).isEqualTo(vol);
        assertThat(call(hank, "GET", v3("p-hank", "os-volume-transfer/detail"), null).json().get("transfers"))
                .hasSize(1);
        assertThat(call(iris, "GET", v3("p-iris", "os-volume-transfer"), null).json().get("transfers")).isEmpty();
        assertThat(call(iris, "GET", v3("p-iris", "os-volume-transfer/" + id), null).status()).isEqualTo(404);

        assertThat(call(iris, "POST", v3("p-iris", "os-volume-transfer/" + id + "/accept"),
                "{\"accept\": {\"auth_key\": \"wrong\"}}").status()).isEqualTo(400);
        assertThat(status(hank, "p-hank", vol)).isEqualTo("awaiting-transfer");
        Reply accepted = call(iris, "POST", v3("p-iris", "os-volume-transfer/" + id + "/accept"),
                "{\"accept\": {\"auth_key\": \"" + key + "\"}}");
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("transfer").get("volume_id").asString()).isEqualTo(vol);
        assertThat(call(hank, "GET", v3("p-hank", "volumes/" + vol), null).status()).isEqualTo(404);
        JsonNode v = call(iris, "GET", v3("p-iris", "volumes/" + vol), null).json().get("volume");
        assertThat(v.get("status").asString()).isEqualTo("available");
        assertThat(v.get("os-vol-tenant-attr:tenant_id").asString()).isEqualTo("p-iris");
        assertThat(call(iris, "GET", v3("p-iris", "snapshots/" + snap), null).status()).isEqualTo(200);
        assertThat(call(hank, "GET", v3("p-hank", "os-volume-transfer/" + id), null).status()).isEqualTo(404);

        // a cancelled transfer gives the volume back
        String again = call(iris, "POST", v3("p-iris", "os-volume-transfer"), "{\"transfer\": {\"volume_id\": \""
                + vol + "\"}}").json().get("transfer").get("id").asString();
        assertThat(call(iris, "DELETE", v3("p-iris", "os-volume-transfer/" + again), null).status()).isEqualTo(202);
        assertThat(status(iris, "p-iris", vol)).isEqualTo("available");
    }
}
