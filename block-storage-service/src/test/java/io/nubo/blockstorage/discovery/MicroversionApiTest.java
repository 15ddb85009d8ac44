package io.nubo.blockstorage.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Microversions 3.0 to MAX as announced and negotiated (versions documents, both headers, 406 in Cinder's body),
 * and the changes of 3.2 (strict bootable filter), 3.7 (clusters, cluster in os-services), 3.8 (manageable
 * volumes and snapshots), 3.10 (group_id filter), 3.11 (group types and specs) and 3.12 (volume summary). 3.13
 * (groups) is GroupApiTest, 3.14 (group snapshots) GroupSnapshotApiTest; 3.1 and 3.4 are in VolumeImageApiTest
 * (they need an image service), 3.3 and 3.5 in MessageApiTest, 3.9 in BackupUpdateApiTest.
 */
@org.junit.jupiter.api.Tag("integration")
class MicroversionApiTest extends BlockStorageHttpTest {

    /** the highest microversion served, and the next one (406) */
    static final String MAX = io.nubo.blockstorage.config.BlockStorageApiConfiguration.MAX;
    static final String ABOVE = "3." + (Integer.parseInt(MAX.substring(2)) + 1);

    final String ivy = TestTokens.project("p-ivy", "member");
    final String admin = TestTokens.project("p-admin", "admin");

    @Test
    void versionsAnnounceExactly3_0ToMaxAndOthersAre406() throws Exception {
        for (String path : List.of("/", "/v3/")) {
            Reply r = call(null, "GET", path, null);
            assertThat(r.status()).isEqualTo(path.equals("/") ? 300 : 200);
            JsonNode v = r.json().get("versions").get(0);
            assertThat(v.get("id").asString()).isEqualTo("v3.0");
            assertThat(v.get("min_version").asString()).isEqualTo("3.0");
            assertThat(v.get("version").asString()).isEqualTo(MAX);
        }
        Reply none = call(ivy, "GET", v3("p-ivy", "volumes"), null);
        assertThat(none.header("OpenStack-API-Version")).isEqualTo("volume 3.0");
        Reply latest = call(ivy, "GET", v3("p-ivy", "volumes"), null, "OpenStack-API-Version", "volume latest");
        assertThat(latest.header("OpenStack-API-Version")).isEqualTo("volume " + MAX);
        assertThat(latest.header("OpenStack-Volume-microversion")).isEqualTo(MAX);
        assertThat(latest.header("Vary")).contains("OpenStack-API-Version");
        Reply legacy = call(ivy, "GET", v3("p-ivy", "volumes"), null, "OpenStack-Volume-microversion", "3.5");
        assertThat(legacy.header("OpenStack-API-Version")).isEqualTo("volume 3.5");
        Reply high = call(ivy, "GET", v3("p-ivy", "volumes"), null, "OpenStack-API-Version", "volume " + ABOVE);
        assertThat(high.status()).isEqualTo(406);
        assertThat(high.json().at("/computeFault/code").asInt()).isEqualTo(406);
        assertThat(high.json().at("/computeFault/message").asString())
                .isEqualTo("Version " + ABOVE + " is not supported by the API. Minimum is 3.0 and maximum is " + MAX + ".");
        assertThat(call(ivy, "GET", v3("p-ivy", "volumes"), null, "OpenStack-API-Version", "volume 2.0").status())
                .isEqualTo(406);
        Reply bad = call(ivy, "GET", v3("p-ivy", "volumes"), null, "OpenStack-API-Version", "volume 3.x");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().has("badRequest")).isTrue();
        // another service's version in the same header is not ours
        assertThat(call(ivy, "GET", v3("p-ivy", "volumes"), null, "OpenStack-API-Version", "compute 2.90")
                .header("OpenStack-API-Version")).isEqualTo("volume 3.0");
    }

    @Test
    void bootableFilterIsStrictFrom3_2() throws Exception {
        String id = volume(ivy, "p-ivy", "{\"volume\": {\"size\": 1}}", "available");
        // before 3.2 only false/False/FALSE mean false: "0" asks for bootable volumes
        assertThat(ids(ivy, "volumes?bootable=0", "3.1")).doesNotContain(id);
        assertThat(ids(ivy, "volumes?bootable=false", "3.1")).contains(id);
        assertThat(ids(ivy, "volumes?bootable=maybe", "3.1")).doesNotContain(id);
        // from 3.2 "0", "f", "no" are false, and anything that is no boolean is 400
        assertThat(ids(ivy, "volumes?bootable=0", "3.2")).contains(id);
        assertThat(ids(ivy, "volumes/detail?bootable=no", "3.2")).contains(id);
        assertThat(ids(ivy, "volumes?bootable=1", "3.2")).doesNotContain(id);
        Reply maybe = call(ivy, "GET", v3("p-ivy", "volumes?bootable=maybe"), null, "OpenStack-API-Version",
                "volume 3.2");
        assertThat(maybe.status()).isEqualTo(400);
        assertThat(maybe.json().at("/badRequest/message").asString())
                .isEqualTo("Invalid input received: 'bootable = maybe'");
    }

    @Test
    void clustersFrom3_7AreEmptyAndServicesNameNoCluster() throws Exception {
        assertThat(call(admin, "GET", v3("p-admin", "clusters"), null, "OpenStack-API-Version", "volume 3.6")
                .status()).isEqualTo(404);
        for (String path : List.of("clusters", "clusters/detail")) {
            Reply r = call(admin, "GET", v3("p-admin", path), null, "OpenStack-API-Version", "volume 3.7");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("clusters").isArray()).isTrue();
            assertThat(r.json().get("clusters")).isEmpty();
        }
        Reply show = call(admin, "GET", v3("p-admin", "clusters/c1?binary=cinder-volume"), null,
                "OpenStack-API-Version", "volume 3.7");
        assertThat(show.status()).isEqualTo(404);
        assertThat(show.json().at("/itemNotFound/message").asString())
                .isEqualTo("Cluster binary=cinder-volume;name=c1 could not be found.");
        Reply enable = call(admin, "PUT", v3("p-admin", "clusters/enable"), "{\"name\": \"c1\"}",
                "OpenStack-API-Version", "volume 3.7");
        assertThat(enable.status()).isEqualTo(404);
        assertThat(call(admin, "PUT", v3("p-admin", "clusters/disable"), "{\"binary\": \"cinder-volume\"}",
                "OpenStack-API-Version", "volume 3.7").status()).isEqualTo(400);
        assertThat(call(ivy, "GET", v3("p-ivy", "clusters"), null, "OpenStack-API-Version", "volume 3.7")
                .status()).isEqualTo(403);

        JsonNode at37 = call(admin, "GET", v3("p-admin", "os-services"), null, "OpenStack-API-Version",
                "volume 3.7").json().get("services");
        assertThat(at37).isNotEmpty().allSatisfy(s -> {
            assertThat(s.has("cluster")).isTrue();
            assertThat(s.get("cluster").isNull()).isTrue();
        });
        JsonNode at36 = call(admin, "GET", v3("p-admin", "os-services"), null, "OpenStack-API-Version",
                "volume 3.6").json().get("services");
        assertThat(at36).isNotEmpty().allSatisfy(s -> assertThat(s.has("cluster")).isFalse());
    }

    @Test
    void manageableListsAndManageFrom3_8AsCindersBaseDriver() throws Exception {
        String v38 = "volume 3.8";
        assertThat(call(admin, "GET", v3("p-admin", "manageable_volumes?host=nubo@file"), null,
                "OpenStack-API-Version", "volume 3.7").status()).isEqualTo(404);
        for (String path : List.of("manageable_volumes", "manageable_volumes/detail")) {
            Reply r = call(admin, "GET", v3("p-admin", path + "?host=nubo@file%23file&sort=size:asc"), null,
                    "OpenStack-API-Version", v38);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("manageable-volumes").isArray()).isTrue();
            assertThat(r.json().get("manageable-volumes")).isEmpty();
        }
        Reply snaps = call(admin, "GET", v3("p-admin", "manageable_snapshots/detail?host=nubo@file"), null,
                "OpenStack-API-Version", v38);
        assertThat(snaps.json().get("manageable-snapshots")).isEmpty();
        Reply noHost = call(admin, "GET", v3("p-admin", "manageable_volumes"), null, "OpenStack-API-Version", v38);
        assertThat(noHost.status()).isEqualTo(400);
        assertThat(noHost.json().at("/badRequest/message").asString())
                .isEqualTo("Invalid input received: Host field is missing.");
        Reply unknown = call(admin, "GET", v3("p-admin", "manageable_volumes?host=elsewhere"), null,
                "OpenStack-API-Version", v38);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/itemNotFound/message").asString())
                .isEqualTo("Service None could not be found on host elsewhere.");
        Reply sort = call(admin, "GET", v3("p-admin", "manageable_volumes?host=nubo@file&sort=name"), null,
                "OpenStack-API-Version", v38);
        assertThat(sort.status()).isEqualTo(400);
        assertThat(sort.json().at("/badRequest/message").asString()).isEqualTo("Invalid sort keys passed: name");
        assertThat(call(ivy, "GET", v3("p-ivy", "manageable_volumes?host=nubo@file"), null,
                "OpenStack-API-Version", v38).status()).isEqualTo(403);

        // manage: recorded managing (size 0), then error_managing as the driver cannot adopt; deletable
        Reply made = call(admin, "POST", v3("p-admin", "manageable_volumes"), "{\"volume\": {\"host\":"
                + " \"nubo@file#file\", \"ref\": {\"source-name\": \"lv-1\"}, \"name\": \" adopted \"}}",
                "OpenStack-API-Version", v38);
        assertThat(made.status()).as(made.body()).isEqualTo(202);
        assertThat(made.json().at("/volume/status").asString()).isEqualTo("managing");
        assertThat(made.json().at("/volume/name").asString()).isEqualTo("adopted");
        assertThat(made.json().at("/volume/size").asInt()).isZero();
        String id = made.json().at("/volume/id").asString();
        awaitStatus(admin, "p-admin", "volumes", "volume", id, "error_managing");
        Reply quota = call(admin, "GET", v3("p-admin", "os-quota-sets/p-admin?usage=true"), null);
        assertThat(quota.json().at("/quota_set/volumes/in_use").asInt()).isZero();
        assertThat(call(admin, "POST", v3("p-admin", "manageable_volumes"), "{\"volume\": {\"host\": \"nope\","
                + " \"ref\": {\"source-name\": \"x\"}}}", "OpenStack-API-Version", v38).json()
                .at("/badRequest/message").asString()).isEqualTo("Host 'nope' not found");
        assertThat(call(admin, "POST", v3("p-admin", "manageable_volumes"), "{\"volume\": {\"host\":"
                + " \"nubo@file\", \"ref\": {\"source-name\": \"volume-" + id + "\"}}}", "OpenStack-API-Version",
                v38).json().at("/badRequest/message").asString()).contains("The volume is already managed");
        assertThat(call(admin, "POST", v3("p-admin", "manageable_volumes"), "{\"volume\": {\"host\":"
                + " \"nubo@file\"}}", "OpenStack-API-Version", v38).status()).isEqualTo(400);
        assertThat(call(admin, "DELETE", v3("p-admin", "volumes/" + id), null).status()).isEqualTo(202);
        awaitStatus(admin, "p-admin", "volumes", "volume", id, "deleted");

        // manage a snapshot: recorded, then error
        String vol = volume(admin, "p-admin", "{\"volume\": {\"size\": 1}}", "available");
        Reply snap = call(admin, "POST", v3("p-admin", "manageable_snapshots"), "{\"snapshot\": {\"volume_id\": \""
                + vol + "\", \"ref\": {\"source-name\": \"s-1\"}}}", "OpenStack-API-Version", v38);
        assertThat(snap.status()).as(snap.body()).isEqualTo(202);
        awaitStatus(admin, "p-admin", "snapshots", "snapshot", snap.json().at("/snapshot/id").asString(), "error");
    }

    @Test
    void groupIdFilterFrom3_10MatchesNoVolume() throws Exception {
        String id = volume(ivy, "p-ivy", "{\"volume\": {\"size\": 1}}", "available");
        String g = "volumes?group_id=5f1c2b3a-0000-4000-8000-000000000001";
        assertThat(ids(ivy, g, "3.9")).contains(id);
        assertThat(ids(ivy, g, "3.10")).isEmpty();
        assertThat(ids(ivy, "volumes", "3.10")).contains(id);
    }

    @Test
    void groupTypesAndTheirSpecsFrom3_11() throws Exception {
        String v = "volume 3.11";
        assertThat(call(admin, "GET", v3("p-admin", "group_types"), null, "OpenStack-API-Version", "volume 3.10")
                .status()).isEqualTo(404);
        Reply made = call(admin, "POST", v3("p-admin", "group_types"), "{\"group_type\": {\"name\": \"gt1\","
                + " \"description\": \"d\", \"is_public\": true, \"group_specs\":"
                + " {\"consistent_group_snapshot_enabled\": \"<is> False\"}}}", "OpenStack-API-Version", v);
        assertThat(made.status()).as(made.body()).isEqualTo(202);
        JsonNode t = made.json().get("group_type");
        String id = t.get("id").asString();
        assertThat(t.get("name").asString()).isEqualTo("gt1");
        assertThat(t.get("is_public").asBoolean()).isTrue();
        assertThat(t.at("/group_specs/consistent_group_snapshot_enabled").asString()).isEqualTo("<is> False");
        assertThat(call(admin, "POST", v3("p-admin", "group_types"), "{\"group_type\": {\"name\": \"gt1\"}}",
                "OpenStack-API-Version", v).status()).isEqualTo(409);
        assertThat(call(admin, "POST", v3("p-admin", "group_types"), "{\"group_type\": {}}",
                "OpenStack-API-Version", v).status()).isEqualTo(400);
        assertThat(call(ivy, "POST", v3("p-ivy", "group_types"), "{\"group_type\": {\"name\": \"mine\"}}",
                "OpenStack-API-Version", v).status()).isEqualTo(403);
        // a member sees the public type without its specs
        JsonNode seen = call(ivy, "GET", v3("p-ivy", "group_types/" + id), null, "OpenStack-API-Version", v).json()
                .get("group_type");
        assertThat(seen.get("name").asString()).isEqualTo("gt1");
        assertThat(seen.has("group_specs")).isFalse();
        Reply upd = call(admin, "PUT", v3("p-admin", "group_types/" + id), "{\"group_type\": {\"name\": \"gt2\","
                + " \"is_public\": false}}", "OpenStack-API-Version", v);
        assertThat(upd.json().at("/group_type/name").asString()).isEqualTo("gt2");
        assertThat(upd.json().at("/group_type/description").asString()).isEqualTo("d");
        assertThat(call(ivy, "GET", v3("p-ivy", "group_types/" + id), null, "OpenStack-API-Version", v).status())
                .isEqualTo(404);
        assertThat(call(ivy, "GET", v3("p-ivy", "group_types"), null, "OpenStack-API-Version", v).json()
                .get("group_types").findValuesAsString("id")).doesNotContain(id);
        assertThat(call(admin, "GET", v3("p-admin", "group_types?is_public=false"), null, "OpenStack-API-Version", v)
                .json().get("group_types").findValuesAsString("id")).contains(id);
        assertThat(call(admin, "GET", v3("p-admin", "group_types"), null, "OpenStack-API-Version", v)
                .json().get("group_types").findValuesAsString("id")).doesNotContain(id);
        call(admin, "POST", v3("p-admin", "group_types"), "{\"group_type\": {\"name\": \"a-first\"}}",
                "OpenStack-API-Version", v);
        List<String> asc = call(admin, "GET", v3("p-admin", "group_types?is_public=None&sort=name:asc"), null,
                "OpenStack-API-Version", v).json().get("group_types").findValuesAsString("name");
        assertThat(asc.indexOf("a-first")).isNotNegative().isLessThan(asc.indexOf("gt2"));
        List<String> desc = call(admin, "GET", v3("p-admin", "group_types?is_public=None&sort=name:desc"), null,
                "OpenStack-API-Version", v).json().get("group_types").findValuesAsString("name");
        assertThat(desc.indexOf("gt2")).isNotNegative().isLessThan(desc.indexOf("a-first"));
        Reply paged = call(admin, "GET", v3("p-admin", "group_types?is_public=None&sort=name:desc&limit=1"), null,
                "OpenStack-API-Version", v);
        assertThat(paged.json().get("group_types")).hasSize(1);
        assertThat(paged.json().at("/group_type_links/0/rel").asString()).isEqualTo("next");
        assertThat(call(admin, "PUT", v3("p-admin", "group_types/" + id), "{\"group_type\": {}}",
                "OpenStack-API-Version", v).status()).isEqualTo(400);
        assertThat(call(admin, "GET", v3("p-admin", "group_types/default"), null, "OpenStack-API-Version", v)
                .json().at("/itemNotFound/message").asString()).isEqualTo("Default group type can not be found.");

        String specs = v3("p-admin", "group_types/" + id + "/group_specs");
        Reply put = call(admin, "POST", specs, "{\"group_specs\": {\"key1\": \"value1\", \"key2\": \"value2\"}}",
                "OpenStack-API-Version", v);
        assertThat(put.status()).isEqualTo(202);
        assertThat(put.json().get("group_specs").size()).isEqualTo(2);
        assertThat(call(admin, "GET", specs + "/key2", null, "OpenStack-API-Version", v).json().get("key2")
                .asString()).isEqualTo("value2");
        assertThat(call(admin, "PUT", specs + "/key2", "{\"key2\": \"v2\"}", "OpenStack-API-Version", v).json()
                .get("key2").asString()).isEqualTo("v2");
        assertThat(call(admin, "PUT", specs + "/key2", "{\"key3\": \"v2\"}", "OpenStack-API-Version", v)
                .status()).isEqualTo(400);
        assertThat(call(admin, "GET", specs, null, "OpenStack-API-Version", v).json().get("group_specs").size())
                .isEqualTo(3);
        assertThat(call(admin, "DELETE", specs + "/key1", null, "OpenStack-API-Version", v).status()).isEqualTo(202);
        Reply gone = call(admin, "GET", specs + "/key1", null, "OpenStack-API-Version", v);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().at("/itemNotFound/message").asString())
                .isEqualTo("Group Type " + id + " has no specs with key key1.");
        assertThat(call(ivy, "GET", v3("p-ivy", "group_types/" + id + "/group_specs"), null,
                "OpenStack-API-Version", v).status()).isEqualTo(403);
        assertThat(call(admin, "DELETE", v3("p-admin", "group_types/" + id), null, "OpenStack-API-Version", v)
                .status()).isEqualTo(202);
        assertThat(call(admin, "GET", v3("p-admin", "group_types/" + id), null, "OpenStack-API-Version", v)
                .json().at("/itemNotFound/message").asString()).isEqualTo("Group type " + id + " could not be found.");
    }

    @Test
    void volumeSummaryFrom3_12() throws Exception {
        String token = TestTokens.project("p-sum", "member");
        volume(token, "p-sum", "{\"volume\": {\"size\": 1, \"name\": \"a\"}}", "available");
        volume(token, "p-sum", "{\"volume\": {\"size\": 2, \"name\": \"b\"}}", "available");
        Reply s = call(token, "GET", v3("p-sum", "volumes/summary"), null, "OpenStack-API-Version", "volume 3.12");
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.json().at("/volume-summary/total_count").asInt()).isEqualTo(2);
        assertThat(s.json().at("/volume-summary/total_size").asInt()).isEqualTo(3);
        assertThat(call(token, "GET", v3("p-sum", "volumes/summary?name=b"), null, "OpenStack-API-Version",
                "volume 3.12").json().at("/volume-summary/total_size").asInt()).isEqualTo(2);
        Reply old = call(token, "GET", v3("p-sum", "volumes/summary"), null, "OpenStack-API-Version", "volume 3.11");
        assertThat(old.status()).isEqualTo(404);
        assertThat(old.json().at("/itemNotFound/message").asString()).isEqualTo("Volume summary could not be found.");
    }

    private List<String> ids(String token, String path, String version) throws Exception {
        Reply r = call(token, "GET", v3("p-ivy", path), null, "OpenStack-API-Version", "volume " + version);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("volumes").forEach(v -> out.add(v.get("id").asString()));
        return out;
    }
}
