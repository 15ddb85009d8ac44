package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@org.junit.jupiter.api.Tag("integration")
class FlavorKeyPairQuotaApiTest extends ComputeHttpTest {

    @Test
    void versionDocumentAnnouncesWhatIsServedAndVersionsAreNegotiated() throws Exception {
        Reply doc = get(null, "/v2.1").valid("v2_1.versions", "get_one_version");
        assertThat(doc.json().at("/version/version").asString()).isEqualTo("2.30");
        assertThat(doc.json().at("/version/min_version").asString()).isEqualTo("2.1");
        Reply versions = get(null, "/").valid("v2_1.versions", "list_versions");
        assertThat(versions.json().get("versions").size()).as("what is served: v2.0 (legacy), v2.1").isEqualTo(2);
        assertThat(versions.json().at("/versions/0/id").asString()).isEqualTo("v2.0");
        assertThat(versions.json().at("/versions/1/id").asString()).isEqualTo("v2.1");
        Reply legacy = get(null, "/v2/").valid("v2_1.versions", "get_one_version");
        assertThat(legacy.json().at("/version/id").asString()).isEqualTo("v2.0");
        assertThat(legacy.json().at("/version/status").asString()).isEqualTo("SUPPORTED");
        assertThat(legacy.json().at("/version/links/0/href").asString())
                .isEqualTo(versions.json().at("/versions/0/links/0/href").asString());
        // the legacy API is v2.1 without microversions: a 2.28 request there is answered as 2.1
        Reply v2 = call(ADMIN, "GET", "/v2/flavors/detail", null, "OpenStack-API-Version", "compute 2.28");
        assertThat(v2.status()).as(v2.body()).isEqualTo(200);
        assertThat(v2.header("OpenStack-API-Version")).isEqualTo("compute 2.1");
        assertThat(v2.json().has("flavors")).isTrue();
        Reply latest = call(ADMIN, "GET", "/v2.1/flavors", null, "OpenStack-API-Version", "compute latest");
        assertThat(latest.header("OpenStack-API-Version")).isEqualTo("compute 2.30");
        // 2.27: the OpenStack-API-Version form, answered in both headers, Vary naming both; it wins over the legacy
        Reply v227 = call(ADMIN, "GET", "/v2.1/flavors", null, "OpenStack-API-Version", "compute 2.27",
                "X-OpenStack-Nova-API-Version", "2.3");
        assertThat(v227.status()).isEqualTo(200);
        assertThat(v227.header("OpenStack-API-Version")).isEqualTo("compute 2.27");
        assertThat(v227.header("X-OpenStack-Nova-API-Version")).isEqualTo("2.27");
        assertThat(v227.header("Vary")).isEqualTo("OpenStack-API-Version, X-OpenStack-Nova-API-Version");
        Reply legacy227 = call(ADMIN, "GET", "/v2.1/flavors", null, "X-OpenStack-Nova-API-Version", "2.27");
        assertThat(legacy227.header("OpenStack-API-Version")).isEqualTo("compute 2.27");
        Reply ok = call(ADMIN, "GET", "/v2.1/flavors", null, "OpenStack-API-Version", "compute 2.1");
        assertThat(ok.header("OpenStack-API-Version")).isEqualTo("compute 2.1");
        assertThat(ok.header("X-OpenStack-Nova-API-Version")).isEqualTo("2.1");
        assertThat(call(ADMIN, "GET", "/v2.1/flavors", null, "OpenStack-API-Version", "compute 2.31").status())
                .isEqualTo(406);
        Reply high = call(ADMIN, "GET", "/v2.1/flavors", null, "X-OpenStack-Nova-API-Version", "2.31");
        assertThat(high.status()).isEqualTo(406);
        assertThat(high.json().at("/computeFault/code").isMissingNode()
                ? high.json().findValue("code").asInt() : 0).isEqualTo(406);
        assertThat(call(ADMIN, "GET", "/v2.1/flavors", null, "OpenStack-API-Version", "compute 2.x").status())
                .isEqualTo(400);
    }

    @Test
    void flavorsCreateListShowExtraSpecsAccessAndDelete() throws Exception {
        Reply created = post(ADMIN, "/v2.1/flavors", """
                {"flavor": {"name": "f.small", "id": "f-small", "ram": 512, "vcpus": 1, "disk": 1,
                 "OS-FLV-EXT-DATA:ephemeral": 0, "swap": 0, "rxtx_factor": 1.0}}""")
                .valid("v2_1.flavors", "create_update_get_flavor_details");
        assertThat(created.json().at("/flavor/swap").asString()).isEmpty();
        Reply numeric = post(ADMIN, "/v2.1/flavors", """
                {"flavor": {"name": "f.numeric", "id": 182050460, "ram": 512, "vcpus": 1, "disk": 1,
                 "os-flavor-access:is_public": "True"}}""").valid("v2_1.flavors", "create_update_get_flavor_details");
        assertThat(numeric.json().at("/flavor/id").asString()).as("Nova keeps a numeric id as its string")
                .isEqualTo("182050460");
        assertThat(call(ADMIN, "DELETE", "/v2.1/flavors/182050460", null).status()).isEqualTo(202);
        assertThat(post(ADMIN, "/v2.1/flavors", """
                {"flavor": {"name": "f.small", "ram": 512, "vcpus": 1, "disk": 1}}""").status()).isEqualTo(409);
        assertThat(post(member("p1"), "/v2.1/flavors", """
                {"flavor": {"name": "f.x", "ram": 512, "vcpus": 1, "disk": 1}}""").status()).isEqualTo(403);
        for (String bad : List.of("{\"flavor\": {\"name\": \"b\", \"ram\": 0, \"vcpus\": 1, \"disk\": 1}}",
                "{\"flavor\": {\"name\": \" b\", \"ram\": 1, \"vcpus\": 1, \"disk\": 1}}",
                "{\"flavor\": {\"name\": \"b\", \"ram\": 1, \"vcpus\": 1, \"disk\": 1, \"bogus\": 1}}",
                "{\"flavor\": {\"name\": \"b\", \"ram\": \"x\", \"vcpus\": 1, \"disk\": 1}}", "{}", "[]")) {
            Reply r = post(ADMIN, "/v2.1/flavors", bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.body()).contains("\"badRequest\"");
        }
        // checked by the request schema (compute/flavor-create.json) before the handler runs
        assertThat(post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"b\", \"ram\": 1, \"vcpus\": 1,"
                + " \"disk\": 1, \"bogus\": 1}}").body()).contains("Invalid input for field 'flavor");
        post(ADMIN, "/v2.1/flavors", """
                {"flavor": {"name": "f.private", "id": "f-private", "ram": 2048, "vcpus": 2, "disk": 10,
                 "os-flavor-access:is_public": false}}""").valid("v2_1.flavors", "create_update_get_flavor_details");

        get(member("p1"), "/v2.1/flavors").valid("v2_1.flavors", "list_flavors");
        Reply detail = get(member("p1"), "/v2.1/flavors/detail").valid("v2_1.flavors", "list_flavors_details");
        assertThat(ids(detail.json().get("flavors"))).contains("f-small").doesNotContain("f-private");
        assertThat(ids(get(member("p1"), "/v2.1/flavors?minRam=1024").json().get("flavors")))
                .doesNotContain("f-small");
        assertThat(ids(get(ADMIN, "/v2.1/flavors?is_public=none").json().get("flavors")))
                .contains("f-small", "f-private");
        for (String no : List.of("f", "false", "no", "0", "OFF")) {
            assertThat(ids(get(ADMIN, "/v2.1/flavors?is_public=" + no).json().get("flavors")))
                    .contains("f-private").doesNotContain("f-small");
        }
        for (String yes : List.of("t", "true", "yes", "1", "On")) {
            assertThat(ids(get(ADMIN, "/v2.1/flavors?is_public=" + yes).json().get("flavors")))
                    .contains("f-small").doesNotContain("f-private");
        }
        assertThat(get(ADMIN, "/v2.1/flavors?is_public=maybe").status()).isEqualTo(400);
        Reply paged = get(ADMIN, "/v2.1/flavors?is_public=none&limit=1").valid("v2_1.flavors", "list_flavors");
        assertThat(paged.json().at("/flavors_links/0/href").asString()).contains("marker=");
        assertThat(get(member("p1"), "/v2.1/flavors/nope").status()).isEqualTo(404);

        post(ADMIN, "/v2.1/flavors/f-private/action", "{\"addTenantAccess\": {\"tenant\": \"p1\"}}")
                .valid("v2_1.flavors_access", "add_remove_list_flavor_access");
        assertThat(post(ADMIN, "/v2.1/flavors/f-private/action", "{\"addTenantAccess\": {\"tenant\": \"p1\"}}")
                .status()).isEqualTo(409);
        get(ADMIN, "/v2.1/flavors/f-private/os-flavor-access")
                .valid("v2_1.flavors_access", "add_remove_list_flavor_access");
        assertThat(ids(get(member("p1"), "/v2.1/flavors").json().get("flavors"))).contains("f-private");
        assertThat(ids(get(member("p2"), "/v2.1/flavors").json().get("flavors"))).doesNotContain("f-private");

        post(ADMIN, "/v2.1/flavors/f-small/os-extra_specs", "{\"extra_specs\": {\"hw:cpu_policy\": \"shared\"}}")
                .valid("v2_1.flavors_extra_specs", "set_get_flavor_extra_specs");
        call(ADMIN, "PUT", "/v2.1/flavors/f-small/os-extra_specs/hw:cpu_policy", "{\"hw:cpu_policy\": \"dedicated\"}")
                .valid("v2_1.flavors_extra_specs", "set_get_flavor_extra_specs_key");
        assertThat(call(ADMIN, "PUT", "/v2.1/flavors/f-small/os-extra_specs/a", "{\"b\": \"c\"}").status())
                .isEqualTo(400);
        Reply specs = get(member("p1"), "/v2.1/flavors/f-small/os-extra_specs")
                .valid("v2_1.flavors_extra_specs", "set_get_flavor_extra_specs");
        assertThat(specs.json().at("/extra_specs/hw:cpu_policy").asString()).isEqualTo("dedicated");
        assertThat(call(ADMIN, "DELETE", "/v2.1/flavors/f-small/os-extra_specs/hw:cpu_policy", null).status())
                .isEqualTo(200);
        assertThat(get(ADMIN, "/v2.1/flavors/f-small/os-extra_specs/hw:cpu_policy").status()).isEqualTo(404);

        assertThat(call(ADMIN, "DELETE", "/v2.1/flavors/f-private", null).status()).isEqualTo(202);
        assertThat(get(ADMIN, "/v2.1/flavors/f-private").status()).isEqualTo(404);
    }

    @Test
    void keyPairsGenerateImportShowDeleteAndQuota() throws Exception {
        String token = member("pk");
        Reply gen = post(token, "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"gen\"}}")
                .valid("v2_1.keypairs", "create_keypair");
        assertThat(gen.json().at("/keypair/private_key").asString()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(gen.json().at("/keypair/public_key").asString()).startsWith("ssh-rsa AAAA");
        assertThat(gen.json().at("/keypair/fingerprint").asString()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
        String ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test";
        Reply imported = post(token, "/v2.1/os-keypairs",
                "{\"keypair\": {\"name\": \"ed\", \"public_key\": \"" + ed25519 + "\"}}")
                .valid("v2_1.keypairs", "create_keypair");
        assertThat(imported.json().at("/keypair").has("private_key")).isFalse();
        assertThat(post(token, "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"ed\", \"public_key\": \""
                + ed25519 + "\"}}").status()).isEqualTo(409);
        assertThat(post(token, "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"bad\", \"public_key\": \"ssh-rsa"
                + " bm90IGEga2V5\"}}").status()).isEqualTo(400);
        assertThat(post(token, "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"b@d\"}}").status()).isEqualTo(400);
        get(token, "/v2.1/os-keypairs").valid("v2_1.keypairs", "list_keypairs");
        get(token, "/v2.1/os-keypairs/ed").valid("v2_1.keypairs", "get_keypair");
        assertThat(get(member("other"), "/v2.1/os-keypairs/ed").status()).isEqualTo(404);
        assertThat(get(token, "/v2.1/os-keypairs?user_id=u-other").status())
                .as("below 2.10 Nova takes no user_id: the caller's own").isEqualTo(200);
        assertThat(call(token, "GET", "/v2.1/os-keypairs?user_id=u-other", null, "X-OpenStack-Nova-API-Version",
                "2.10").status()).isEqualTo(403);
        assertThat(call(token, "DELETE", "/v2.1/os-keypairs/ed", null).status()).isEqualTo(202);
        assertThat(get(token, "/v2.1/os-keypairs/ed").status()).isEqualTo(404);

        call(ADMIN, "PUT", "/v2.1/os-quota-sets/pk", "{\"quota_set\": {\"key_pairs\": 2}}")
                .valid("v2_1.quotas", "update_quota_set");
        assertThat(post(token, "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"k2\"}}").status()).isEqualTo(200);
        Reply over = post(token, "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"k3\"}}");
        assertThat(over.status()).isEqualTo(403);
        assertThat(over.body()).contains("Quota exceeded, too many key pairs.");
    }

    @Test
    void concurrentKeyPairCreatesNeverPassTheQuota() throws Exception {
        String token = member("pc");
        call(ADMIN, "PUT", "/v2.1/os-quota-sets/pc", "{\"quota_set\": {\"key_pairs\": 3}}");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String body = "{\"keypair\": {\"name\": \"c" + i + "\", \"public_key\": \"ssh-ed25519 "
                        + "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\"}}";
                Callable<Integer> c = () -> post(token, "/v2.1/os-keypairs", body).status();
                all.add(pool.submit(c));
            }
            int ok = 0;
            for (Future<Integer> f : all) {
                int s = f.get();
                assertThat(s).isIn(200, 403);
                ok += s == 200 ? 1 : 0;
            }
            assertThat(ok).isEqualTo(3);
        } finally {
            pool.shutdown();
        }
        assertThat(get(token, "/v2.1/os-keypairs").json().get("keypairs").size()).isEqualTo(3);
    }

    @Test
    void quotaSetsAndLimits() throws Exception {
        get(ADMIN, "/v2.1/os-quota-sets/pq").valid("v2_1.quotas", "get_quota_set");
        get(ADMIN, "/v2.1/os-quota-sets/pq/defaults").valid("v2_1.quotas", "get_quota_set");
        get(member("pq"), "/v2.1/os-quota-sets/pq/detail").valid("v2_1.quotas", "get_quota_set_details");
        assertThat(get(member("pq"), "/v2.1/os-quota-sets/other").status()).isEqualTo(403);
        assertThat(call(member("pq"), "PUT", "/v2.1/os-quota-sets/pq", "{\"quota_set\": {\"cores\": 1}}").status())
                .isEqualTo(403);
        assertThat(call(ADMIN, "PUT", "/v2.1/os-quota-sets/pq", "{\"quota_set\": {\"bogus\": 1}}").status())
                .isEqualTo(400);
        assertThat(call(ADMIN, "PUT", "/v2.1/os-quota-sets/pq", "{\"quota_set\": {\"cores\": -2}}").status())
                .isEqualTo(400);
        call(ADMIN, "PUT", "/v2.1/os-quota-sets/pq", "{\"quota_set\": {\"cores\": 7, \"instances\": \"3\"}}")
                .valid("v2_1.quotas", "update_quota_set");
        Reply limits = get(member("pq"), "/v2.1/limits").valid("v2_1.limits", "get_limit");
        assertThat(limits.json().at("/limits/absolute/maxTotalCores").asInt()).isEqualTo(7);
        assertThat(limits.json().at("/limits/absolute/maxTotalInstances").asInt()).isEqualTo(3);
        assertThat(call(ADMIN, "DELETE", "/v2.1/os-quota-sets/pq", null).status()).isEqualTo(202);
        assertThat(get(ADMIN, "/v2.1/os-quota-sets/pq").json().at("/quota_set/cores").asInt()).isEqualTo(20);
        assertThat(get(member("pq"), "/v2.1/limits?tenant_id=other").status()).isEqualTo(403);
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asString()));
        return out;
    }
}
