package io.nubo.blockstorage.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The volumes API over HTTP on real PostgreSQL and the file backend. */
@org.junit.jupiter.api.Tag("integration")
class VolumeApiTest extends BlockStorageHttpTest {

    final String alice = TestTokens.project("p-alice", "member");
    final String bob = TestTokens.project("p-bob", "member");
    final String admin = TestTokens.project("p-admin", "admin");

    @Test
    void createShowsCindersFieldsThenBecomesAvailable() throws Exception {
        Reply r = call(alice, "POST", v3("p-alice", "volumes"), "{\"volume\": {\"size\": 1, \"name\": \"v1\","
                + " \"description\": \"d\", \"metadata\": {\"k\": \"v\"}}}");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.header("OpenStack-API-Version")).isEqualTo("volume 3.0");
        JsonNode v = r.json().get("volume");
        String id = v.get("id").asString();
        assertThat(v.get("status").asString()).isEqualTo("creating");
        assertThat(v.get("size").asInt()).isEqualTo(1);
        assertThat(v.get("volume_type").asString()).isEqualTo("__DEFAULT__");
        assertThat(v.get("bootable").asString()).isEqualTo("false");
        assertThat(v.get("metadata").get("k").asString()).isEqualTo("v");
        assertThat(v.get("snapshot_id").isNull()).isTrue();
        assertThat(v.get("availability_zone").asString()).isEqualTo("nova");
        assertThat(v.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(v.get("links").get(0).get("href").asString()).endsWith("/v3/p-alice/volumes/" + id);
        // create answers without the extension attributes, as Cinder does (Tempest's schema forbids them)
        assertThat(v.has("os-vol-tenant-attr:tenant_id")).isFalse();
        JsonNode shown = awaitStatus(alice, "p-alice", "volumes", "volume", id, "available");
        assertThat(shown.get("os-vol-tenant-attr:tenant_id").asString()).isEqualTo("p-alice");
        assertThat(shown.has("os-vol-host-attr:host")).isFalse();
        JsonNode asAdmin = call(admin, "GET", v3("p-admin", "volumes/" + id), null).json().get("volume");
        assertThat(asAdmin.get("os-vol-host-attr:host").asString()).isEqualTo("nubo@file#file");
        assertThat(call(bob, "GET", v3("p-bob", "volumes/" + id), null).status()).isEqualTo(404);
        assertThat(call(bob, "DELETE", v3("p-bob", "volumes/" + id), null).status()).isEqualTo(404);
    }

    @Test
    void badInputIsRefusedWithCindersErrorsAndMakesNothing() throws Exception {
        String token = TestTokens.project("p-bad", "member");
        for (String body : List.of("{\"volume\": {\"size\": 0}}", "{\"volume\": {\"size\": -1}}",
                "{\"volume\": {\"size\": \"#$%\"}}", "{\"volume\": {}}", "{\"volume\": {\"size\": 1.5}}",
                "{\"nope\": {}}", "{\"volume\": {\"size\": 1, \"name\": 5}}",
                "{\"volume\": {\"size\": 1, \"metadata\": \"x\"}}",
                "{\"volume\": {\"size\": 1, \"availability_zone\": \"mars\"}}")) {
            Reply r = call(token, "POST", v3("p-bad", "volumes"), body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().has("badRequest")).as(r.body()).isTrue();
        }
        assertThat(call(token, "POST", v3("p-bad", "volumes"), "{nope").status()).isEqualTo(400);
        // issue 18: the schema names the field, in Cinder's body
        Reply size = call(token, "POST", v3("p-bad", "volumes"), "{\"volume\": {\"size\": \"0\"}}");
        assertThat(size.json().at("/badRequest/code").asInt()).isEqualTo(400);
        assertThat(size.json().at("/badRequest/message").asString()).startsWith("Invalid input for field 'volume.size'");
        Reply meta = call(token, "POST", v3("p-bad", "volumes"), "{\"volume\": {\"size\": 1, \"metadata\": {\"k\": \""
                + "v".repeat(256) + "\"}}}");
        assertThat(meta.status()).isEqualTo(400);
        assertThat(meta.json().at("/badRequest/message").asString()).contains("'volume.metadata.k'");
        Reply action = call(token, "POST", v3("p-bad", "volumes/nubo-fuzz/action"), "{\"os-extend\": {}}");
        assertThat(action.status()).isEqualTo(400);
        assertThat(action.json().at("/badRequest/message").asString()).contains("os-extend.new_size");
        assertThat(call(token, "POST", v3("p-bad", "volumes/nubo-fuzz/action"), "{\"os-nope\": {}}").status())
                .isEqualTo(400);
        Reply type = call(token, "POST", v3("p-bad", "volumes"), "{\"volume\": {\"size\": 1, \"volume_type\": \"x\"}}");
        assertThat(type.status()).isEqualTo(404);
        assertThat(type.json().get("itemNotFound").get("message").asString()).contains("Volume type x");
        assertThat(call(token, "POST", v3("p-bad", "volumes"), "{\"volume\": {\"snapshot_id\": \"nope\"}}").status())
                .isEqualTo(404);
        assertThat(call(token, "POST", v3("p-bad", "volumes"), "{\"volume\": {\"source_volid\": \"nope\"}}")
                .status()).isEqualTo(404);
        assertThat(call(token, "GET", v3("p-bad", "volumes/detail"), null).json().get("volumes")).isEmpty();
        assertThat(call(token, "GET", v3("p-bad", "volumes/nope"), null).status()).isEqualTo(404);
        assertThat(call(token, "GET", v3("p-bad", "volumes?sort=nope"), null).status()).isEqualTo(400);
        assertThat(call(token, "GET", v3("p-bad", "volumes?limit=x"), null).status()).isEqualTo(400);
        assertThat(call(token, "GET", v3("p-bad", "volumes?marker=nope"), null).status()).isEqualTo(404);
        assertThat(call(token, "GET", v3("p-bad", "volumes"), null, "OpenStack-API-Version", "volume 3.50")
                .status()).isEqualTo(406);
    }

    @Test
    void updateMetadataBootableReadonlyAndDelete() throws Exception {
        String id = volume(alice, "p-alice", "{\"volume\": {\"size\": 1, \"name\": \"before\"}}", "available");
        Reply u = call(alice, "PUT", v3("p-alice", "volumes/" + id), "{\"volume\": {\"name\": \"after\","
                + " \"description\": \"new\"}}");
        assertThat(u.status()).isEqualTo(200);
        assertThat(u.json().get("volume").get("name").asString()).isEqualTo("after");
        assertThat(call(alice, "POST", v3("p-alice", "volumes/" + id + "/metadata"),
                "{\"metadata\": {\"a\": \"1\", \"b\": \"2\"}}").json().get("metadata").size()).isEqualTo(2);
        assertThat(call(alice, "PUT", v3("p-alice", "volumes/" + id + "/metadata/a"), "{\"meta\": {\"a\": \"9\"}}")
                .json().get("meta").get("a").asString()).isEqualTo("9");
        assertThat(call(alice, "PUT", v3("p-alice", "volumes/" + id + "/metadata/a"), "{\"meta\": {\"z\": \"9\"}}")
                .status()).isEqualTo(400);
        assertThat(call(alice, "DELETE", v3("p-alice", "volumes/" + id + "/metadata/b"), null).status())
                .isEqualTo(200);
        assertThat(call(alice, "GET", v3("p-alice", "volumes/" + id + "/metadata/b"), null).status()).isEqualTo(404);
        assertThat(call(alice, "PUT", v3("p-alice", "volumes/" + id + "/metadata"), "{\"metadata\": {\"c\": \"3\"}}")
                .json().get("metadata").toString()).isEqualTo("{\"c\":\"3\"}");
        assertThat(call(alice, "POST", v3("p-alice", "volumes/" + id + "/action"),
                "{\"os-set_bootable\": {\"bootable\": true}}").status()).isEqualTo(200);
        assertThat(call(alice, "POST", v3("p-alice", "volumes/" + id + "/action"),
                "{\"os-update_readonly_flag\": {\"readonly\": true}}").status()).isEqualTo(202);
        JsonNode v = call(alice, "GET", v3("p-alice", "volumes/" + id), null).json().get("volume");
        assertThat(v.get("bootable").asString()).isEqualTo("true");
        assertThat(v.get("metadata").get("readonly").asString()).isEqualTo("True");
        assertThat(call(alice, "POST", v3("p-alice", "volumes/" + id + "/action"), "{\"os-nope\": {}}").status())
                .isEqualTo(400);
        assertThat(call(alice, "DELETE", v3("p-alice", "volumes/" + id), null).status()).isEqualTo(202);
        awaitStatus(alice, "p-alice", "volumes", "volume", id, "deleted");
        assertThat(call(alice, "DELETE", v3("p-alice", "volumes/" + id), null).status()).isEqualTo(404);
    }

    @Test
    void listFiltersSortsAndPages() throws Exception {
        String token = TestTokens.project("p-list", "member");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(volume(token, "p-list", "{\"volume\": {\"size\": " + (i + 1) + ", \"name\": \"n" + i
                    + "\", \"metadata\": {\"even\": \"" + (i % 2 == 0) + "\"}}}", "available"));
        }
        JsonNode all = call(token, "GET", v3("p-list", "volumes"), null).json();
        assertThat(all.get("volumes")).hasSize(5);
        assertThat(all.get("volumes").get(0).get("id").asString()).isEqualTo(ids.get(4)); // newest first
        assertThat(all.get("volumes").get(0).size()).isEqualTo(3); // id, name, links
        JsonNode bySize = call(token, "GET", v3("p-list", "volumes/detail?sort=size:asc&limit=2"), null).json();
        assertThat(bySize.get("volumes").get(0).get("size").asInt()).isEqualTo(1);
        assertThat(bySize.get("volumes")).hasSize(2);
        String next = bySize.get("volumes_links").get(0).get("href").asString();
        assertThat(next).contains("marker=" + ids.get(1));
        JsonNode page2 = call(token, "GET", v3("p-list", "volumes/detail?sort=size:asc&limit=2&marker=" + ids.get(1)),
                null).json();
        assertThat(page2.get("volumes").get(0).get("size").asInt()).isEqualTo(3);
        // a full last page still links on, as Cinder's does; the next page is empty
        JsonNode last = call(token, "GET", v3("p-list", "volumes?limit=5"), null).json();
        assertThat(last.get("volumes")).hasSize(5);
        assertThat(last.get("volumes_links").get(0).get("rel").asString()).isEqualTo("next");
        assertThat(call(token, "GET", v3("p-list", "volumes?limit=5&marker=" + ids.get(0)), null).json()
                .get("volumes")).isEmpty();
        assertThat(call(token, "GET", v3("p-list", "volumes?limit=6"), null).json().has("volumes_links")).isFalse();
        assertThat(call(token, "GET", v3("p-list", "volumes?name=n3"), null).json().get("volumes")).hasSize(1);
        assertThat(call(token, "GET", v3("p-list", "volumes/detail?metadata="
                + java.net.URLEncoder.encode("{'even':'true'}", java.nio.charset.StandardCharsets.UTF_8)), null).json()
                .get("volumes")).hasSize(3);
        assertThat(call(token, "GET", v3("p-list", "volumes?status=error"), null).json().get("volumes")).isEmpty();
        // another project sees none of them; an admin sees them with all_tenants
        assertThat(call(bob, "GET", v3("p-bob", "volumes?name=n3"), null).json().get("volumes")).isEmpty();
        assertThat(call(admin, "GET", v3("p-admin", "volumes?all_tenants=1&name=n3"), null).json().get("volumes"))
                .hasSize(1);
    }

    @Test
    void extendGrowsTheVolumeAndRefusesShrinking() throws Exception {
        String id = volume(alice, "p-alice", "{\"volume\": {\"size\": 1}}", "available");
        assertThat(call(alice, "POST", v3("p-alice", "volumes/" + id + "/action"), "{\"os-extend\": {\"new_size\": 1}}")
                .status()).isEqualTo(400);
        assertThat(call(alice, "POST", v3("p-alice", "volumes/" + id + "/action"), "{\"os-extend\": {\"new_size\": \"x\"}}")
                .status()).isEqualTo(400);
        assertThat(call(alice, "POST", v3("p-alice", "volumes/" + id + "/action"), "{\"os-extend\": {}}")
                .status()).isEqualTo(400);
        assertThat(call(alice, "POST", v3("p-alice", "volumes/" + id + "/action"), "{\"os-extend\": {\"new_size\": 2}}")
                .status()).isEqualTo(202);
        JsonNode v = awaitStatus(alice, "p-alice", "volumes", "volume", id, "available");
        assertThat(v.get("size").asInt()).isEqualTo(2);
        assertThat(call(alice, "POST", v3("p-alice", "volumes/nope/action"), "{\"os-extend\": {\"new_size\": 2}}")
                .status()).isEqualTo(404);
    }

    @Test
    void quotasAnswer413AndLimitsCountUsage() throws Exception {
        String token = TestTokens.project("p-quota", "member");
        assertThat(call(admin, "PUT", v3("p-admin", "os-quota-sets/p-quota"), "{\"quota_set\": {\"volumes\": 2,"
                + " \"gigabytes\": 3}}").status()).isEqualTo(200);
        assertThat(call(token, "PUT", v3("p-quota", "os-quota-sets/p-quota"), "{\"quota_set\": {\"volumes\": 20}}")
                .status()).isEqualTo(403);
        Reply big = call(token, "POST", v3("p-quota", "volumes"), "{\"volume\": {\"size\": 4}}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().get("overLimit").get("message").asString()).contains("gigabytes quota");
        volume(token, "p-quota", "{\"volume\": {\"size\": 1}}", "available");
        volume(token, "p-quota", "{\"volume\": {\"size\": 1}}", "available");
        Reply third = call(token, "POST", v3("p-quota", "volumes"), "{\"volume\": {\"size\": 1}}");
        assertThat(third.status()).isEqualTo(413);
        assertThat(third.body()).contains("Maximum number of volumes allowed (2)");
        JsonNode usage = call(token, "GET", v3("p-quota", "os-quota-sets/p-quota?usage=true"), null).json()
                .get("quota_set");
        assertThat(usage.get("volumes").get("in_use").asInt()).isEqualTo(2);
        assertThat(usage.get("volumes").get("limit").asInt()).isEqualTo(2);
        JsonNode limits = call(token, "GET", v3("p-quota", "limits"), null).json().get("limits").get("absolute");
        assertThat(limits.get("totalGigabytesUsed").asInt()).isEqualTo(2);
        assertThat(limits.get("maxTotalVolumes").asInt()).isEqualTo(2);
        assertThat(call(token, "GET", v3("p-quota", "volumes"), null).json().get("volumes")).hasSize(2);
    }
}
