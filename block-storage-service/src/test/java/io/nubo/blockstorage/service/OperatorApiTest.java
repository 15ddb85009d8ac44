package io.nubo.blockstorage.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The operator's APIs: os-services filters and disable, os-hosts, pools, capabilities, quota classes, type access. */
@Tag("integration")
class OperatorApiTest extends BlockStorageHttpTest {

    final String admin = TestTokens.project("p-admin", "admin");
    final String frank = TestTokens.project("p-frank", "member");
    final String gina = TestTokens.project("p-gina", "member");

    @Test
    void servicesFilterAndADisabledVolumeServiceTakesNoVolumes() throws Exception {
        assertThat(call(frank, "GET", v3("p-frank", "os-services"), null).status()).isEqualTo(403);
        JsonNode all = call(admin, "GET", v3("p-admin", "os-services"), null).json().get("services");
        assertThat(all).hasSize(2);
        String volumeHost = null;
        for (JsonNode s : all) {
            if (s.get("binary").asString().equals("cinder-volume")) {
                volumeHost = s.get("host").asString();
            }
        }
        assertThat(volumeHost).endsWith("@file");
        String host = volumeHost.substring(0, volumeHost.indexOf('@'));
        JsonNode volumes = call(admin, "GET", v3("p-admin", "os-services?binary=cinder-volume"), null).json()
                .get("services");
        assertThat(volumes).hasSize(1);
        assertThat(call(admin, "GET", v3("p-admin", "os-services?host=" + host), null).json().get("services"))
                .hasSize(2);
        assertThat(call(admin, "GET", v3("p-admin", "os-services?host=nosuch"), null).json().get("services"))
                .isEmpty();

        String body = "{\"host\": \"" + volumeHost + "\", \"binary\": \"cinder-volume\", \"disabled_reason\": \"m\"}";
        assertThat(call(frank, "PUT", v3("p-frank", "os-services/disable"), body).status()).isEqualTo(403);
        Reply off = call(admin, "PUT", v3("p-admin", "os-services/disable-log-reason"), body);
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("disabled").asBoolean()).isTrue();
        assertThat(off.json().get("disabled_reason").asString()).isEqualTo("m");
        assertThat(call(frank, "POST", v3("p-frank", "volumes"), "{\"volume\": {\"size\": 1}}").status())
                .isEqualTo(400);
        Reply on = call(admin, "PUT", v3("p-admin", "os-services/enable"), "{\"host\": \"" + volumeHost
                + "\", \"binary\": \"cinder-volume\"}");
        assertThat(on.json().get("status").asString()).isEqualTo("enabled");
        assertThat(on.json().has("disabled_reason")).isTrue();
        volume(frank, "p-frank", "{\"volume\": {\"size\": 1}}", "available");

        assertThat(call(admin, "PUT", v3("p-admin", "os-services/enable"), "{\"host\": \"nosuch\", \"binary\":"
                + " \"cinder-volume\"}").status()).isEqualTo(404);
        assertThat(call(admin, "PUT", v3("p-admin", "os-services/disable-log-reason"), "{\"host\": \"" + volumeHost
                + "\", \"binary\": \"cinder-volume\", \"disabled_reason\": null}").status()).isEqualTo(400);
        assertThat(call(admin, "PUT", v3("p-admin", "os-services/freeze"), "{\"host\": \"nosuch\"}").status())
                .isEqualTo(400);
    }

    @Test
    void hostsPoolsAndCapabilitiesDescribeTheBackends() throws Exception {
        String hosts0 = TestTokens.project("p-hosts", "member");
        volume(hosts0, "p-hosts", "{\"volume\": {\"size\": 2}}", "available");
        JsonNode hosts = call(admin, "GET", v3("p-admin", "os-hosts"), null).json().get("hosts");
        assertThat(hosts).hasSize(2);
        String volumeHost = null;
        for (JsonNode h : hosts) {
            if (h.get("service").asString().equals("cinder-volume")) {
                volumeHost = h.get("host_name").asString();
            }
        }
        JsonNode usage = call(admin, "GET", v3("p-admin", "os-hosts/" + volumeHost), null).json().get("host");
        assertThat(usage.get(0).get("resource").get("project").asString()).isEqualTo("(total)");
        boolean found = false;
        for (JsonNode e : usage) {
            JsonNode r = e.get("resource");
            if (r.get("project").asString().equals("p-hosts")) {
                found = true;
                assertThat(r.get("volume_count").asString()).isEqualTo("1");
                assertThat(r.get("total_volume_gb").asString()).isEqualTo("2");
            }
        }
        assertThat(found).isTrue();
        assertThat(call(admin, "GET", v3("p-admin", "os-hosts/nosuch@file"), null).status()).isEqualTo(404);
        assertThat(call(gina, "GET", v3("p-gina", "os-hosts"), null).status()).isEqualTo(403);

        JsonNode pools = call(admin, "GET", v3("p-admin", "scheduler-stats/get_pools?detail=True"), null).json()
                .get("pools");
        assertThat(pools.get(0).get("name").asString()).isEqualTo(volumeHost + "#file");
        assertThat(pools.get(0).get("capabilities").get("vendor_name").asString()).isEqualTo("Open Source");
        assertThat(call(admin, "GET", v3("p-admin", "scheduler-stats/get_pools"), null).json().get("pools").get(0)
                .has("capabilities")).isFalse();
        JsonNode caps = call(admin, "GET", v3("p-admin", "capabilities/" + volumeHost), null).json();
        assertThat(caps.get("volume_backend_name").asString()).isEqualTo("file");
        assertThat(caps.get("namespace").asString()).isEqualTo("OS::Storage::Capabilities::" + volumeHost);
        assertThat(call(admin, "GET", v3("p-admin", "capabilities/nosuch@x"), null).status()).isEqualTo(404);
    }

    @Test
    void theDefaultQuotaClassIsEveryProjectsDefaultAndPerTypeLimitsHold() throws Exception {
        call(admin, "POST", v3("p-admin", "types"), "{\"volume_type\": {\"name\": \"scarce\"}}");
        assertThat(call(gina, "GET", v3("p-gina", "os-quota-class-sets/default"), null).status()).isEqualTo(403);
        Reply up = call(admin, "PUT", v3("p-admin", "os-quota-class-sets/default"), "{\"quota_class_set\":"
                + " {\"backups\": 11, \"volumes_scarce\": 1}}");
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.json().get("quota_class_set").get("volumes_scarce").asInt()).isEqualTo(1);
        JsonNode shown = call(admin, "GET", v3("p-admin", "os-quota-class-sets/default"), null).json()
                .get("quota_class_set");
        assertThat(shown.get("id").asString()).isEqualTo("default");
        assertThat(shown.get("backups").asInt()).isEqualTo(11);
        assertThat(call(admin, "GET", v3("p-admin", "os-quota-sets/p-new/defaults"), null).json().get("quota_set")
                .get("volumes_scarce").asInt()).isEqualTo(1);
        volume(gina, "p-gina", "{\"volume\": {\"size\": 1, \"volume_type\": \"scarce\"}}", "available");
        assertThat(call(gina, "POST", v3("p-gina", "volumes"), "{\"volume\": {\"size\": 1, \"volume_type\":"
                + " \"scarce\"}}").status()).isEqualTo(413);
        assertThat(call(admin, "PUT", v3("p-admin", "os-quota-class-sets/default"), "{\"quota_class_set\":"
                + " {\"nonsense\": 1}}").status()).isEqualTo(400);
        call(admin, "PUT", v3("p-admin", "os-quota-class-sets/default"), "{\"quota_class_set\":"
                + " {\"backups\": 10, \"volumes_scarce\": -1}}");
    }

    @Test
    void aPrivateTypeIsSeenAndUsedOnlyByTheProjectsGivenIt() throws Exception {
        String type = call(admin, "POST", v3("p-admin", "types"), "{\"volume_type\": {\"name\": \"secret\","
                + " \"os-volume-type-access:is_public\": false}}").json().get("volume_type").get("id").asString();
        assertThat(call(frank, "POST", v3("p-frank", "volumes"), "{\"volume\": {\"size\": 1, \"volume_type\": \""
                + type + "\"}}").status()).isEqualTo(404);
        assertThat(call(frank, "GET", v3("p-frank", "types/" + type), null).status()).isEqualTo(404);
        String grant = "{\"addProjectAccess\": {\"project\": \"p-frank\"}}";
        assertThat(call(frank, "POST", v3("p-frank", "types/" + type + "/action"), grant).status()).isEqualTo(403);
        assertThat(call(admin, "POST", v3("p-admin", "types/" + type + "/action"), grant).status()).isEqualTo(202);
        assertThat(call(admin, "POST", v3("p-admin", "types/" + type + "/action"), grant).status()).isEqualTo(409);
        JsonNode access = call(admin, "GET", v3("p-admin", "types/" + type + "/os-volume-type-access"), null).json()
                .get("volume_type_access");
        assertThat(access).hasSize(1);
        assertThat(access.get(0).get("project_id").asString()).isEqualTo("p-frank");
        assertThat(call(frank, "GET", v3("p-frank", "types"), null).body()).contains("secret");
        assertThat(call(gina, "GET", v3("p-gina", "types"), null).body()).doesNotContain("secret");
        volume(frank, "p-frank", "{\"volume\": {\"size\": 1, \"volume_type\": \"" + type + "\"}}", "available");
        assertThat(call(admin, "POST", v3("p-admin", "types/" + type + "/action"),
                "{\"removeProjectAccess\": {\"project\": \"p-frank\"}}").status()).isEqualTo(202);
        assertThat(call(frank, "GET", v3("p-frank", "types/" + type), null).status()).isEqualTo(404);
        // the update's answer has no os-volume-type-access attribute (Cinder's, Tempest's schema)
        JsonNode updated = call(admin, "PUT", v3("p-admin", "types/" + type), "{\"volume_type\": {\"description\":"
                + " \"d\"}}").json().get("volume_type");
        assertThat(updated.has("os-volume-type-access:is_public")).isFalse();
        assertThat(updated.get("is_public").asBoolean()).isFalse();
    }

    @Test
    void qosSpecsAreKeptAndAssociatedWithTypes() throws Exception {
        assertThat(call(frank, "POST", v3("p-frank", "qos-specs"), "{\"qos_specs\": {\"name\": \"q\"}}").status())
                .isEqualTo(403);
        Reply made = call(admin, "POST", v3("p-admin", "qos-specs"), "{\"qos_specs\": {\"name\": \"gold\","
                + " \"consumer\": \"front-end\", \"read_iops_sec\": \"2000\"}}");
        assertThat(made.status()).isEqualTo(200);
        JsonNode q = made.json().get("qos_specs");
        String id = q.get("id").asString();
        assertThat(q.get("specs").get("read_iops_sec").asString()).isEqualTo("2000");
        assertThat(call(admin, "POST", v3("p-admin", "qos-specs"), "{\"qos_specs\": {\"name\": \"gold\"}}")
                .status()).isEqualTo(409);
        assertThat(call(admin, "POST", v3("p-admin", "qos-specs"), "{\"qos_specs\": {\"name\": \"x\","
                + " \"consumer\": \"nowhere\"}}").status()).isEqualTo(400);
        assertThat(call(admin, "PUT", v3("p-admin", "qos-specs/" + id), "{\"qos_specs\": {\"iops_bytes\": \"500\"}}")
                .json().get("qos_specs").get("iops_bytes").asString()).isEqualTo("500");
        assertThat(call(admin, "PUT", v3("p-admin", "qos-specs/" + id + "/delete_keys"), "{\"keys\": [\"iops_bytes\"]}")
                .status()).isEqualTo(202);
        assertThat(call(admin, "GET", v3("p-admin", "qos-specs/" + id), null).json().get("qos_specs").get("specs")
                .has("iops_bytes")).isFalse();
        String type = call(admin, "POST", v3("p-admin", "types"), "{\"volume_type\": {\"name\": \"qos-typed\"}}")
                .json().get("volume_type").get("id").asString();
        assertThat(call(admin, "GET", v3("p-admin", "qos-specs/" + id + "/associate?vol_type_id=" + type), null)
                .status()).isEqualTo(202);
        JsonNode assoc = call(admin, "GET", v3("p-admin", "qos-specs/" + id + "/associations"), null).json()
                .get("qos_associations");
        assertThat(assoc).hasSize(1);
        assertThat(assoc.get(0).get("id").asString()).isEqualTo(type);
        // associated: deleted only with force
        assertThat(call(admin, "DELETE", v3("p-admin", "qos-specs/" + id), null).status()).isEqualTo(400);
        assertThat(call(admin, "GET", v3("p-admin", "qos-specs/" + id + "/disassociate_all"), null).status())
                .isEqualTo(202);
        assertThat(call(admin, "DELETE", v3("p-admin", "qos-specs/" + id), null).status()).isEqualTo(202);
        assertThat(call(admin, "GET", v3("p-admin", "qos-specs/" + id), null).status()).isEqualTo(404);
    }
}
