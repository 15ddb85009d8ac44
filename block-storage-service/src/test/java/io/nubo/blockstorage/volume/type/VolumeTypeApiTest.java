package io.nubo.blockstorage.volume.type;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Volume types: admin-managed, extra specs shown to admins, the backend chosen by volume_backend_name. */
@org.junit.jupiter.api.Tag("integration")
class VolumeTypeApiTest extends BlockStorageHttpTest {

    final String admin = TestTokens.project("p-admin", "admin");
    final String gina = TestTokens.project("p-gina", "member");

    @Test
    void typesChooseTheBackendAndOnlyAdminsManageThem() throws Exception {
        assertThat(call(gina, "POST", v3("p-gina", "types"), "{\"volume_type\": {\"name\": \"x\"}}").status())
                .isEqualTo(403);
        Reply made = call(admin, "POST", v3("p-admin", "types"), "{\"volume_type\": {\"name\": \"fast\","
                + " \"description\": \"files\", \"extra_specs\": {\"volume_backend_name\": \"file\"}}}");
        assertThat(made.status()).isEqualTo(200);
        JsonNode t = made.json().get("volume_type");
        String id = t.get("id").asString();
        assertThat(t.get("os-volume-type-access:is_public").asBoolean()).isTrue();
        assertThat(t.get("extra_specs").get("volume_backend_name").asString()).isEqualTo("file");
        assertThat(call(admin, "POST", v3("p-admin", "types"), "{\"volume_type\": {\"name\": \"fast\"}}").status())
                .isEqualTo(409);
        assertThat(call(admin, "POST", v3("p-admin", "types"), "{\"volume_type\": {\"name\": \"\"}}").status())
                .isEqualTo(400);
        JsonNode asMember = call(gina, "GET", v3("p-gina", "types/" + id), null).json().get("volume_type");
        assertThat(asMember.has("extra_specs")).isFalse();
        assertThat(call(gina, "GET", v3("p-gina", "types"), null).json().get("volume_types").toString())
                .contains("__DEFAULT__", "fast");
        assertThat(call(gina, "GET", v3("p-gina", "types/default"), null).json().get("volume_type").get("name")
                .asString()).isEqualTo("__DEFAULT__");

        String vol = volume(gina, "p-gina", "{\"volume\": {\"size\": 1, \"volume_type\": \"fast\"}}", "available");
        JsonNode v = call(admin, "GET", v3("p-admin", "volumes/" + vol), null).json().get("volume");
        assertThat(v.get("volume_type").asString()).isEqualTo("fast");
        assertThat(v.get("os-vol-host-attr:host").asString()).isEqualTo("nubo@file#file");

        // a type that names a backend which is not configured: 400, and no volume is made
        String ceph = call(admin, "POST", v3("p-admin", "types"), "{\"volume_type\": {\"name\": \"ceph\","
                + " \"extra_specs\": {\"volume_backend_name\": \"rbd\"}}}").json().get("volume_type").get("id")
                .asString();
        Reply none = call(gina, "POST", v3("p-gina", "volumes"), "{\"volume\": {\"size\": 1, \"volume_type\": \"ceph\"}}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("rbd");

        assertThat(call(admin, "POST", v3("p-admin", "types/" + ceph + "/extra_specs"),
                "{\"extra_specs\": {\"volume_backend_name\": \"file\", \"k\": \"v\"}}").status()).isEqualTo(200);
        assertThat(call(admin, "GET", v3("p-admin", "types/" + ceph + "/extra_specs/k"), null).json().get("k")
                .asString()).isEqualTo("v");
        assertThat(call(admin, "DELETE", v3("p-admin", "types/" + ceph + "/extra_specs/k"), null).status())
                .isEqualTo(202);
        assertThat(call(admin, "GET", v3("p-admin", "types/" + ceph + "/extra_specs/k"), null).status()).isEqualTo(404);
        assertThat(call(gina, "POST", v3("p-gina", "volumes"), "{\"volume\": {\"size\": 1, \"volume_type\": \"ceph\"}}")
                .status()).isEqualTo(202);

        // in use: 400; the default type can never go
        assertThat(call(admin, "DELETE", v3("p-admin", "types/" + id), null).status()).isEqualTo(400);
        String dflt = call(admin, "GET", v3("p-admin", "types/default"), null).json().get("volume_type").get("id")
                .asString();
        assertThat(call(admin, "DELETE", v3("p-admin", "types/" + dflt), null).status()).isEqualTo(400);
        String spare = call(admin, "POST", v3("p-admin", "types"), "{\"volume_type\": {\"name\": \"spare\"}}").json()
                .get("volume_type").get("id").asString();
        assertThat(call(admin, "PUT", v3("p-admin", "types/" + spare), "{\"volume_type\": {\"description\": \"d\"}}")
                .json().get("volume_type").get("description").asString()).isEqualTo("d");
        assertThat(call(admin, "DELETE", v3("p-admin", "types/" + spare), null).status()).isEqualTo(202);
        assertThat(call(admin, "GET", v3("p-admin", "types/" + spare), null).status()).isEqualTo(404);
    }

    @Test
    void zonesServicesAndExtensions() throws Exception {
        assertThat(call(gina, "GET", v3("p-gina", "os-availability-zone"), null).json().get("availabilityZoneInfo")
                .get(0).get("zoneName").asString()).isEqualTo("nova");
        assertThat(call(gina, "GET", v3("p-gina", "os-services"), null).status()).isEqualTo(403);
        JsonNode services = call(admin, "GET", v3("p-admin", "os-services"), null).json().get("services");
        assertThat(services.toString()).contains("cinder-scheduler", "nubo@file");
        assertThat(call(gina, "GET", v3("p-gina", "extensions"), null).json().get("extensions").toString())
                .contains("os-volume-actions");
    }
}
