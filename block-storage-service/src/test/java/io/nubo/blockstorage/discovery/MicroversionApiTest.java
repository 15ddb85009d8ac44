package io.nubo.blockstorage.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Microversions 3.0 to 3.7 as announced and negotiated (versions documents, both headers, 406 in Cinder's body),
 * and the changes of 3.2 (strict bootable filter) and 3.7 (clusters, cluster_name in os-services). 3.1 and 3.4 are
 * in VolumeImageApiTest (they need an image service), 3.3 and 3.5 in MessageApiTest.
 */
@org.junit.jupiter.api.Tag("integration")
class MicroversionApiTest extends BlockStorageHttpTest {

    final String ivy = TestTokens.project("p-ivy", "member");
    final String admin = TestTokens.project("p-admin", "admin");

    @Test
    void versionsAnnounceExactly3_0To3_7AndOthersAre406() throws Exception {
        for (String path : List.of("/", "/v3/")) {
            Reply r = call(null, "GET", path, null);
            assertThat(r.status()).isEqualTo(path.equals("/") ? 300 : 200);
            JsonNode v = r.json().get("versions").get(0);
            assertThat(v.get("id").asString()).isEqualTo("v3.0");
            assertThat(v.get("min_version").asString()).isEqualTo("3.0");
            assertThat(v.get("version").asString()).isEqualTo("3.7");
        }
        Reply none = call(ivy, "GET", v3("p-ivy", "volumes"), null);
        assertThat(none.header("OpenStack-API-Version")).isEqualTo("volume 3.0");
        Reply latest = call(ivy, "GET", v3("p-ivy", "volumes"), null, "OpenStack-API-Version", "volume latest");
        assertThat(latest.header("OpenStack-API-Version")).isEqualTo("volume 3.7");
        assertThat(latest.header("OpenStack-Volume-microversion")).isEqualTo("3.7");
        assertThat(latest.header("Vary")).contains("OpenStack-API-Version");
        Reply legacy = call(ivy, "GET", v3("p-ivy", "volumes"), null, "OpenStack-Volume-microversion", "3.5");
        assertThat(legacy.header("OpenStack-API-Version")).isEqualTo("volume 3.5");
        Reply high = call(ivy, "GET", v3("p-ivy", "volumes"), null, "OpenStack-API-Version", "volume 3.8");
        assertThat(high.status()).isEqualTo(406);
        assertThat(high.json().at("/computeFault/code").asInt()).isEqualTo(406);
        assertThat(high.json().at("/computeFault/message").asString())
                .isEqualTo("Version 3.8 is not supported by the API. Minimum is 3.0 and maximum is 3.7.");
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
            assertThat(s.has("cluster_name")).isTrue();
            assertThat(s.get("cluster_name").isNull()).isTrue();
        });
        JsonNode at36 = call(admin, "GET", v3("p-admin", "os-services"), null, "OpenStack-API-Version",
                "volume 3.6").json().get("services");
        assertThat(at36).isNotEmpty().allSatisfy(s -> assertThat(s.has("cluster_name")).isFalse());
    }

    private List<String> ids(String token, String path, String version) throws Exception {
        Reply r = call(token, "GET", v3("p-ivy", path), null, "OpenStack-API-Version", "volume " + version);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("volumes").forEach(v -> out.add(v.get("id").asString()));
        return out;
    }
}
