package io.nubo.blockstorage.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The microversions of Newton and Ocata above 3.14 that concern volumes, snapshots, services and clusters, each at
 * N (the new behaviour) and N-1 (the old one): 3.15 Etag / If-Match on volume metadata, 3.16 and 3.17 {@code cluster}
 * in manage and in the manageable lists, 3.21 {@code provider_id} for admins, 3.22 the snapshot {@code metadata}
 * filter, 3.23 {@code force} on volume delete, 3.24 {@code workers/cleanup}, 3.26 {@code failover} and
 * {@code cluster} in the replication actions and the cluster filters. 3.18 is in BackupUpdateApiTest, 3.19, 3.20 and
 * 3.25 in GroupSnapshotApiTest, 3.27 in AttachmentsApiTest.
 */
@org.junit.jupiter.api.Tag("integration")
class NewtonOcataMicroversionApiTest extends BlockStorageHttpTest {

    final String ned = TestTokens.project("p-ned", "member");
    final String admin = TestTokens.project("p-admin", "admin");

    private Reply ned(String method, String rest, String body, String version, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "OpenStack-API-Version";
        all[1] = "volume " + version;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return call(ned, method, v3("p-ned", rest), body, all);
    }

    private Reply admin(String method, String rest, String body, String version) throws Exception {
        return call(admin, method, v3("p-admin", rest), body, "OpenStack-API-Version", "volume " + version);
    }

    private static String message(Reply r) {
        return r.json().values().iterator().next().get("message").asString();
    }

    private static String md5(String s) throws Exception {
        return String.format("%032x", new BigInteger(1, MessageDigest.getInstance("MD5")
                .digest(s.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void metadataEtagAndIfMatchFrom3_15() throws Exception {
        String id = volume(ned, "p-ned", "{\"volume\": {\"size\": 1, \"metadata\": {\"b\": \"2\", \"a\": \"1\"}}}",
                "available");
        String path = "volumes/" + id + "/metadata";
        // before 3.15: no Etag, and If-Match is not looked at
        Reply old = ned("GET", path, null, "3.14");
        assertThat(old.header("ETag")).isNull();
        assertThat(ned("PUT", path, "{\"metadata\": {\"a\": \"1\", \"b\": \"2\"}}", "3.14", "If-Match", "nope")
                .status()).isEqualTo(200);

        Reply shown = ned("GET", path, null, "3.15");
        assertThat(shown.status()).isEqualTo(200);
        // Cinder's Etag: the MD5 of the document as Python's json.dumps writes it
        String etag = shown.header("ETag");
        assertThat(etag).isEqualTo(md5("{\"metadata\": {\"a\": \"1\", \"b\": \"2\"}}"));
        assertThat(shown.json().at("/metadata/a").asString()).isEqualTo("1");

        // a stale tag: 412, no body, nothing changed (item and whole)
        Reply stale = ned("PUT", path + "/a", "{\"meta\": {\"a\": \"9\"}}", "3.15", "If-Match", "0123");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body()).isEmpty();
        assertThat(ned("PUT", path, "{\"metadata\": {\"z\": \"9\"}}", "3.15", "If-Match", "\"0123\"").status())
                .isEqualTo(412);
        assertThat(ned("GET", path, null, "3.15").header("ETag")).isEqualTo(etag);

        // the current tag (bare or quoted, or among others) lets the update through; the tag then changes
        Reply item = ned("PUT", path + "/a", "{\"meta\": {\"a\": \"9\"}}", "3.15", "If-Match", etag);
        assertThat(item.status()).as(item.body()).isEqualTo(200);
        assertThat(item.json().at("/meta/a").asString()).isEqualTo("9");
        String second = ned("GET", path, null, "3.15").header("ETag");
        assertThat(second).isNotEqualTo(etag).isEqualTo(md5("{\"metadata\": {\"a\": \"9\", \"b\": \"2\"}}"));
        assertThat(ned("PUT", path + "/a", "{\"meta\": {\"a\": \"8\"}}", "3.15", "If-Match", etag).status())
                .isEqualTo(412);
        Reply whole = ned("PUT", path, "{\"metadata\": {\"c\": \"3\"}}", "3.15", "If-Match",
                "\"x\", \"" + second + "\"");
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        assertThat(whole.json().get("metadata").propertyNames()).containsExactly("c");
        assertThat(ned("PUT", path, "{\"metadata\": {\"d\": \"4\"}}", "3.15", "If-Match", "*").status())
                .isEqualTo(200);
        // no If-Match: as before
        assertThat(ned("PUT", path + "/e", "{\"meta\": {\"e\": \"5\"}}", "3.15").status()).isEqualTo(200);
        // a bad body is still 400, an unknown volume 404
        assertThat(ned("PUT", path + "/e", "{\"meta\": {\"f\": \"5\"}}", "3.15", "If-Match", "*").status())
                .isEqualTo(400);
        assertThat(ned("GET", "volumes/00000000-0000-0000-0000-000000000000/metadata", null, "3.15").status())
                .isEqualTo(404);
        // non-ASCII is escaped as Python does
        ned("PUT", path, "{\"metadata\": {\"k\": \"caf\u00e9\"}}", "3.15");
        assertThat(ned("GET", path, null, "3.15").header("ETag"))
                .isEqualTo(md5("{\"metadata\": {\"k\": \"caf\\u00e9\"}}"));
    }

    @Test
    void manageTakesClusterFrom3_16AndListsFrom3_17() throws Exception {
        String manage = "{\"volume\": {\"cluster\": \"c1\", \"ref\": {\"source-name\": \"x\"}}}";
        // before 3.16 the cluster is ignored: the host is missing
        Reply r315 = admin("POST", "manageable_volumes", manage, "3.15");
        assertThat(r315.status()).isEqualTo(400);
        assertThat(message(r315)).isEqualTo("Invalid input received: Host field is missing.");
        // from 3.16 one and only one of them; no service is in a cluster
        Reply r316 = admin("POST", "manageable_volumes", manage, "3.16");
        assertThat(r316.status()).as(r316.body()).isEqualTo(404);
        assertThat(message(r316)).isEqualTo("Service None could not be found.");
        Reply both = admin("POST", "manageable_volumes", "{\"volume\": {\"cluster\": \"c1\", \"host\": \"nubo@file\","
                + " \"ref\": \"x\"}}", "3.16");
        assertThat(both.status()).isEqualTo(400);
        assertThat(message(both)).isEqualTo("Invalid input received: One and only one of cluster and host must be"
                + " set.");
        assertThat(admin("POST", "manageable_volumes", "{\"volume\": {\"ref\": \"x\"}}", "3.16").status())
                .isEqualTo(400);
        // the host still works at 3.16: recorded managing, then error_managing (no driver adopts)
        Reply byHost = admin("POST", "manageable_volumes", "{\"volume\": {\"host\": \"nubo@file#file\","
                + " \"ref\": {\"source-name\": \"x\"}}}", "3.16");
        assertThat(byHost.status()).as(byHost.body()).isEqualTo(202);

        for (String list : List.of("manageable_volumes", "manageable_snapshots/detail")) {
            // 3.16: the lists ignore cluster (host missing); 3.17: cluster read
            Reply l316 = admin("GET", list + "?cluster=c1", null, "3.16");
            assertThat(l316.status()).isEqualTo(400);
            assertThat(message(l316)).isEqualTo("Invalid input received: Host field is missing.");
            Reply l317 = admin("GET", list + "?cluster=c1", null, "3.17");
            assertThat(l317.status()).isEqualTo(404);
            assertThat(message(l317)).isEqualTo("Service None could not be found.");
            Reply l317both = admin("GET", list + "?cluster=c1&host=nubo@file", null, "3.17");
            assertThat(l317both.status()).isEqualTo(400);
            assertThat(message(l317both)).contains("One and only one of cluster and host must be set.");
            assertThat(admin("GET", list + "?host=nubo@file", null, "3.17").status()).isEqualTo(200);
        }
    }

    @Test
    void providerIdForAdminsFrom3_21() throws Exception {
        String id = volume(ned, "p-ned", "{\"volume\": {\"size\": 1}}", "available");
        JsonNode at321 = call(admin, "GET", v3("p-ned", "volumes/" + id), null, "OpenStack-API-Version",
                "volume 3.21").json().get("volume");
        assertThat(at321.has("provider_id")).isTrue();
        assertThat(at321.get("provider_id").isNull()).isTrue();
        JsonNode detail = call(admin, "GET", v3("p-admin", "volumes/detail?all_tenants=1&project_id=p-ned"), null,
                "OpenStack-API-Version", "volume 3.21").json().get("volumes");
        assertThat(detail).isNotEmpty().allSatisfy(v -> assertThat(v.has("provider_id")).isTrue());
        assertThat(call(admin, "GET", v3("p-ned", "volumes/" + id), null, "OpenStack-API-Version", "volume 3.20")
                .json().get("volume").has("provider_id")).isFalse();
        // not for the owner
        assertThat(ned("GET", "volumes/" + id, null, "3.21").json().get("volume").has("provider_id")).isFalse();
    }

    @Test
    void snapshotMetadataFilterFrom3_22() throws Exception {
        String vol = volume(ned, "p-ned", "{\"volume\": {\"size\": 1}}", "available");
        List<String> snaps = new ArrayList<>();
        for (String tier : List.of("gold", "tin")) {
            Reply r = ned("POST", "snapshots", "{\"snapshot\": {\"volume_id\": \"" + vol + "\", \"metadata\":"
                    + " {\"tier\": \"" + tier + "\", \"keep\": \"yes\"}}}", "3.22");
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            snaps.add(r.json().at("/snapshot/id").asString());
            awaitStatus(ned, "p-ned", "snapshots", "snapshot", snaps.get(snaps.size() - 1), "available");
        }
        String filter = "?volume_id=" + vol + "&metadata=%7B%27tier%27%3A+%27gold%27%7D";
        for (String path : List.of("snapshots", "snapshots/detail")) {
            assertThat(snapshotIds(path + filter, "3.22")).containsExactly(snaps.get(0));
            assertThat(snapshotIds(path + "?volume_id=" + vol
                    + "&metadata=%7B%22keep%22%3A%22yes%22%2C%22tier%22%3A%22tin%22%7D", "3.22"))
                    .containsExactly(snaps.get(1));
            // before 3.22 the filter is dropped, as Cinder drops it
            assertThat(snapshotIds(path + filter, "3.21")).containsExactlyInAnyOrderElementsOf(snaps);
        }
        assertThat(ned("GET", "snapshots?metadata=nonsense", null, "3.22").status()).isEqualTo(400);
    }

    private List<String> snapshotIds(String path, String version) throws Exception {
        Reply r = ned("GET", path, null, version);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("snapshots").forEach(s -> out.add(s.get("id").asString()));
        return out;
    }

    @Test
    void volumeDeleteTakesForceFrom3_23() throws Exception {
        String a = volume(ned, "p-ned", "{\"volume\": {\"size\": 1}}", "available");
        // a volume in error_deleting... here: one reset to a status delete refuses (maintenance)
        Reply reset = call(admin, "POST", v3("p-ned", "volumes/" + a + "/action"),
                "{\"os-reset_status\": {\"status\": \"maintenance\"}}");
        assertThat(reset.status()).as(reset.body()).isEqualTo(202);
        // before 3.23 force is ignored: a plain delete, refused for the status
        assertThat(call(admin, "DELETE", v3("p-ned", "volumes/" + a + "?force=true"), null,
                "OpenStack-API-Version", "volume 3.22").status()).isEqualTo(400);
        // the owner may not force (os-force_delete's rule), 403
        assertThat(ned("DELETE", "volumes/" + a + "?force=true", null, "3.23").status()).isEqualTo(403);
        // not a boolean: 400
        Reply bad = call(admin, "DELETE", v3("p-ned", "volumes/" + a + "?force=maybe"), null,
                "OpenStack-API-Version", "volume 3.23");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(message(bad)).isEqualTo("Value 'maybe' for 'force' is not a boolean.");
        Reply forced = call(admin, "DELETE", v3("p-ned", "volumes/" + a + "?force=true"), null,
                "OpenStack-API-Version", "volume 3.23");
        assertThat(forced.status()).as(forced.body()).isEqualTo(202);
        awaitStatus(ned, "p-ned", "volumes", "volume", a, "deleted");
        // force=false is a plain delete
        String b = volume(ned, "p-ned", "{\"volume\": {\"size\": 1}}", "available");
        assertThat(ned("DELETE", "volumes/" + b + "?force=false", null, "3.23").status()).isEqualTo(202);
        awaitStatus(ned, "p-ned", "volumes", "volume", b, "deleted");
    }

    @Test
    void workersCleanupFrom3_24() throws Exception {
        assertThat(admin("POST", "workers/cleanup", "{}", "3.23").status()).isEqualTo(404);
        // the default selection is the services that are down: none, this process runs them all
        Reply none = admin("POST", "workers/cleanup", "{}", "3.24");
        assertThat(none.status()).as(none.body()).isEqualTo(202);
        assertThat(none.json().get("cleaning")).isEmpty();
        assertThat(none.json().get("unavailable")).isEmpty();
        Reply noBody = admin("POST", "workers/cleanup", null, "3.24");
        assertThat(noBody.status()).as(noBody.body()).isEqualTo(202);
        // is_up selects the running ones, filtered as Cinder filters
        Reply up = admin("POST", "workers/cleanup", "{\"is_up\": true, \"binary\": \"cinder-volume\"}", "3.24");
        assertThat(up.status()).isEqualTo(202);
        assertThat(up.json().get("cleaning")).isNotEmpty().allSatisfy(w -> {
            assertThat(w.get("binary").asString()).isEqualTo("cinder-volume");
            assertThat(w.get("host").asString()).startsWith("nubo@");
            assertThat(w.get("id").isInt()).isTrue();
            assertThat(w.has("cluster_name")).isTrue();
        });
        Reply cluster = admin("POST", "workers/cleanup", "{\"is_up\": \"true\", \"cluster_name\": \"c1\"}", "3.24");
        assertThat(cluster.json().get("cleaning")).isEmpty();
        assertThat(admin("POST", "workers/cleanup", "{\"binary\": \"cinder-api\"}", "3.24").status())
                .isEqualTo(400);
        assertThat(admin("POST", "workers/cleanup", "{\"bogus\": 1}", "3.24").status()).isEqualTo(400);
        Reply type = admin("POST", "workers/cleanup", "{\"resource_type\": \"backup\"}", "3.24");
        assertThat(type.status()).isEqualTo(400);
        assertThat(message(type)).isEqualTo("Invalid input received: Resource type Backup not valid, must be Volume"
                + " or Snapshot");
        Reply resource = admin("POST", "workers/cleanup",
                "{\"resource_id\": \"00000000-0000-0000-0000-000000000000\"}", "3.24");
        assertThat(resource.status()).isEqualTo(400);
        assertThat(ned("POST", "workers/cleanup", "{}", "3.24").status()).isEqualTo(403);
    }

    @Test
    void failoverAndReplicationClusterFrom3_26() throws Exception {
        // failover is 3.26; failover_host is older and never takes a cluster before 3.26
        assertThat(admin("PUT", "os-services/failover", "{\"host\": \"nubo@file\"}", "3.25").status())
                .isEqualTo(404);
        for (String action : List.of("failover", "failover_host")) {
            Reply host = admin("PUT", "os-services/" + action, "{\"host\": \"nubo@file\"}", "3.26");
            assertThat(host.status()).isEqualTo(400);
            assertThat(message(host)).isEqualTo("Invalid input received: No service could be changed:"
                    + " replication_status in ['nubo@file'] must be ['enabled', 'failed-over'] and must be up to"
                    + " failover.");
            Reply cluster = admin("PUT", "os-services/" + action, "{\"cluster\": \"c1\", \"backend_id\": \"b\"}",
                    "3.26");
            assertThat(cluster.status()).isEqualTo(400);
            assertThat(message(cluster)).isEqualTo("Invalid input received: No service found with cluster=c1");
            Reply unknown = admin("PUT", "os-services/" + action, "{\"host\": \"elsewhere\"}", "3.26");
            assertThat(message(unknown)).isEqualTo("Invalid input received: No service found with host=elsewhere");
            Reply both = admin("PUT", "os-services/" + action, "{\"host\": \"nubo@file\", \"cluster\": \"c1\"}",
                    "3.26");
            assertThat(message(both)).isEqualTo("Invalid input received: One and only one of cluster and host must"
                    + " be set.");
        }
        Reply before = admin("PUT", "os-services/failover_host", "{\"cluster\": \"c1\"}", "3.25");
        assertThat(message(before)).isEqualTo("Invalid input received: Host field is missing.");
        Reply freeze = admin("PUT", "os-services/freeze", "{\"cluster\": \"c1\"}", "3.26");
        assertThat(freeze.status()).isEqualTo(400);
        assertThat(message(freeze)).isEqualTo("Invalid input received: No service found with cluster=c1");
        assertThat(message(admin("PUT", "os-services/thaw", "{\"cluster\": \"c1\"}", "3.25")))
                .isEqualTo("Invalid input received: Host field is missing.");
        assertThat(call(ned, "PUT", v3("p-ned", "os-services/failover"), "{\"host\": \"nubo@file\"}",
                "OpenStack-API-Version", "volume 3.26").status()).isEqualTo(403);

        // the cluster lists take the replication filters from 3.26; before they are unknown keys
        Reply old = admin("GET", "clusters?frozen=true", null, "3.25");
        assertThat(old.status()).isEqualTo(400);
        assertThat(message(old)).isEqualTo("Invalid input received: Invalid filter keys: frozen");
        for (String path : List.of("clusters", "clusters/detail")) {
            Reply r = admin("GET", path + "?frozen=true&replication_status=enabled&active_backend_id=b", null,
                    "3.26");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("clusters")).isEmpty();
        }
        assertThat(admin("GET", "clusters?is_up=maybe", null, "3.26").status()).isEqualTo(400);
        assertThat(admin("GET", "clusters?name=c1&binary=cinder-volume&is_up=true", null, "3.7").status())
                .isEqualTo(200);
    }
}
