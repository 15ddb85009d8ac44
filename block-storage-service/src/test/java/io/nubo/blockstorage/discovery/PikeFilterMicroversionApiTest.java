package io.nubo.blockstorage.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Pike microversions about list filters and sorting, each below and at its version: 3.28 get_pools filters,
 * 3.29 group snapshot filters, sort and paging, 3.30 snapshots sorted by name, 3.31 the configured resource filters
 * (a user's unknown filter is 400; an administrator's is not, except on pools), 3.33 {@code resource_filters},
 * 3.34 like ({@code ~}) filters, 3.35 get_pools' {@code volume_type}.
 */
@org.junit.jupiter.api.Tag("integration")
class PikeFilterMicroversionApiTest extends BlockStorageHttpTest {

    final String pia = TestTokens.project("p-pia", "member");
    final String admin = TestTokens.project("p-admin", "admin");

    private Reply pia(String method, String rest, String body, String version) throws Exception {
        return call(pia, method, v3("p-pia", rest), body, "OpenStack-API-Version", "volume " + version);
    }

    /** An administrator of a project of its own (the module's tests share one database). */
    final String lik = TestTokens.project("p-lik", "admin");

    private Reply lik(String method, String rest, String body, String version) throws Exception {
        return call(lik, method, v3("p-lik", rest), body, "OpenStack-API-Version", "volume " + version);
    }

    private Reply admin(String method, String rest, String body, String version) throws Exception {
        return call(admin, method, v3("p-admin", rest), body, "OpenStack-API-Version", "volume " + version);
    }

    private static String message(Reply r) {
        return r.json().values().iterator().next().get("message").asString();
    }

    private static List<String> names(Reply r, String collection) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get(collection).valueStream().map(x -> x.get("name").asString()).toList();
    }

    private String snapshot(String volume, String name) throws Exception {
        Reply r = pia("POST", "snapshots", "{\"snapshot\": {\"volume_id\": \"" + volume + "\", \"name\": \"" + name
                + "\", \"description\": \"about " + name + "\"}}", "3.0");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().at("/snapshot/id").asString();
        awaitStatus(pia, "p-pia", "snapshots", "snapshot", id, "available");
        return id;
    }

    @Test
    void poolFiltersFrom3_28AndTheVolumeTypeFilterFrom3_35() throws Exception {
        List<String> all = names(admin("GET", "scheduler-stats/get_pools", null, "3.27"), "pools");
        assertThat(all).isNotEmpty();
        String first = all.get(0);
        // before 3.28 the query is not looked at
        assertThat(names(admin("GET", "scheduler-stats/get_pools?name=nope", null, "3.27"), "pools")).isEqualTo(all);
        // 3.28: the pool's name, and any capability (converted as Cinder: a boolean one reads the value as one)
        assertThat(names(admin("GET", "scheduler-stats/get_pools?name=nope", null, "3.28"), "pools")).isEmpty();
        assertThat(names(admin("GET", "scheduler-stats/get_pools?name=" + first.replace("#", "%23"), null, "3.28"),
                "pools")).containsExactly(first);
        assertThat(names(admin("GET", "scheduler-stats/get_pools?storage_protocol=file", null, "3.28"), "pools"))
                .contains("nubo@file#file");
        assertThat(names(admin("GET", "scheduler-stats/get_pools?QoS_support=False", null, "3.28"), "pools"))
                .isEqualTo(all);
        assertThat(names(admin("GET", "scheduler-stats/get_pools?QoS_support=true", null, "3.28"), "pools"))
                .isEmpty();
        assertThat(names(admin("GET", "scheduler-stats/get_pools?no_such_capability=1", null, "3.28"), "pools"))
                .isEmpty();
        // get_pools pages nothing: limit is one more capability to Cinder, which no pool has
        assertThat(names(admin("GET", "scheduler-stats/get_pools?limit=5", null, "3.28"), "pools")).isEmpty();
        assertThat(admin("GET", "scheduler-stats/get_pools?limit=5", null, "3.31").status()).isEqualTo(400);
        // 3.31: only the configured pool filters, also for administrators
        Reply rejected = admin("GET", "scheduler-stats/get_pools?storage_protocol=file", null, "3.31");
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(message(rejected)).isEqualTo("Invalid filters storage_protocol are found in query options.");
        // volume_type is configured but, before 3.35, dropped
        assertThat(names(admin("GET", "scheduler-stats/get_pools?volume_type=nope", null, "3.34"), "pools"))
                .isEqualTo(all);
        Reply unknown = admin("GET", "scheduler-stats/get_pools?volume_type=nope", null, "3.35");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(message(unknown)).isEqualTo("Volume type with name nope could not be found.");
        Reply t = admin("POST", "types", "{\"volume_type\": {\"name\": \"on-file\", \"extra_specs\":"
                + " {\"volume_backend_name\": \"file\"}}}", "3.35");
        assertThat(t.status()).as(t.body()).isEqualTo(200);
        Reply other = admin("POST", "types", "{\"volume_type\": {\"name\": \"on-nothing\", \"extra_specs\":"
                + " {\"volume_backend_name\": \"elsewhere\"}}}", "3.35");
        assertThat(other.status()).as(other.body()).isEqualTo(200);
        assertThat(names(admin("GET", "scheduler-stats/get_pools?volume_type=on-file", null, "3.35"), "pools"))
                .containsExactly("nubo@file#file");
        assertThat(names(admin("GET", "scheduler-stats/get_pools?volume_type=" + t.json().at("/volume_type/id")
                .asString(), null, "3.35"), "pools")).containsExactly("nubo@file#file");
        assertThat(names(admin("GET", "scheduler-stats/get_pools?volume_type=on-nothing", null, "3.35"), "pools"))
                .isEmpty();
        Reply detailed = admin("GET", "scheduler-stats/get_pools?detail=true&volume_type=on-file", null, "3.35");
        assertThat(detailed.json().at("/pools/0/capabilities/storage_protocol").asString()).isEqualTo("file");
        assertThat(admin("GET", "scheduler-stats/get_pools?detail=maybe", null, "3.35").status()).isEqualTo(400);
    }

    @Test
    void groupSnapshotListsFilterSortAndPageFrom3_29() throws Exception {
        Reply type = admin("POST", "group_types", "{\"group_type\": {\"name\": \"gs-type\"}}", "3.29");
        assertThat(type.status()).as(type.body()).isEqualTo(202);
        Reply g = pia("POST", "groups", "{\"group\": {\"name\": \"g\", \"group_type\": \"gs-type\", \"volume_types\":"
                + " [\"__DEFAULT__\"]}}", "3.29");
        assertThat(g.status()).as(g.body()).isEqualTo(202);
        String group = g.json().at("/group/id").asString();
        Reply v = pia("POST", "volumes", "{\"volume\": {\"size\": 1, \"group_id\": \"" + group + "\"}}", "3.29");
        awaitStatus(pia, "p-pia", "volumes", "volume", v.json().at("/volume/id").asString(), "available");
        for (String name : List.of("gs-a", "gs-b")) {
            Reply made = pia("POST", "group_snapshots", "{\"group_snapshot\": {\"group_id\": \"" + group
                    + "\", \"name\": \"" + name + "\"}}", "3.29");
            assertThat(made.status()).as(made.body()).isEqualTo(202);
            awaitStatus(pia, "p-pia", "group_snapshots", "group_snapshot", made.json().at("/group_snapshot/id")
                    .asString(), "available", "OpenStack-API-Version", "volume 3.29");
        }
        // before 3.29: every group snapshot, newest first, whatever the query
        assertThat(names(pia("GET", "group_snapshots?name=gs-a&limit=1&sort=name:asc", null, "3.28"),
                "group_snapshots")).containsExactly("gs-b", "gs-a");
        assertThat(pia("GET", "group_snapshots?limit=1", null, "3.28").json().has("group_snapshot_links"))
                .isFalse();
        // 3.29: filtered, sorted, paged with a next link
        assertThat(names(pia("GET", "group_snapshots?name=gs-a", null, "3.29"), "group_snapshots"))
                .containsExactly("gs-a");
        assertThat(names(pia("GET", "group_snapshots/detail?sort=name:asc&status=available&group_id=" + group, null,
                "3.29"), "group_snapshots")).containsExactly("gs-a", "gs-b");
        Reply page = pia("GET", "group_snapshots?sort=name:desc&limit=1", null, "3.29");
        assertThat(names(page, "group_snapshots")).containsExactly("gs-b");
        String next = page.json().at("/group_snapshot_links/0/href").asString();
        assertThat(next).contains("marker=");
        assertThat(names(pia("GET", "group_snapshots?sort=name:desc&limit=1&marker="
                + next.replaceAll(".*marker=([^&]*).*", "$1"), null, "3.29"), "group_snapshots"))
                .containsExactly("gs-a");
        assertThat(pia("GET", "group_snapshots?sort=size", null, "3.29").status()).isEqualTo(400);
        // 3.31: group_type_id is no filter a user may pass; 3.34: like
        assertThat(pia("GET", "group_snapshots?group_type_id=x", null, "3.31").status()).isEqualTo(400);
        String piaAdmin = TestTokens.project("p-pia", "admin");
        assertThat(names(call(piaAdmin, "GET", v3("p-pia", "group_snapshots?name~=S-B"), null,
                "OpenStack-API-Version", "volume 3.34"), "group_snapshots")).containsExactly("gs-b");
        assertThat(pia("GET", "group_snapshots?name~=S-B", null, "3.34").status()).isEqualTo(400);
    }

    @Test
    void snapshotsSortByNameFrom3_30() throws Exception {
        String vol = volume(pia, "p-pia", "{\"volume\": {\"size\": 1}}", "available");
        snapshot(vol, "s-b");
        snapshot(vol, "s-a");
        String of = "volume_id=" + vol + "&";
        Reply before = pia("GET", "snapshots?" + of + "sort=name:asc", null, "3.29");
        assertThat(before.status()).isEqualTo(400);
        assertThat(message(before)).contains("Invalid sort key: name");
        assertThat(names(pia("GET", "snapshots?" + of + "sort=display_name:asc", null, "3.29"), "snapshots"))
                .containsExactly("s-a", "s-b");
        assertThat(names(pia("GET", "snapshots/detail?" + of + "sort=name:asc", null, "3.30"), "snapshots"))
                .containsExactly("s-a", "s-b");
        assertThat(names(pia("GET", "snapshots?" + of + "sort_key=name&sort_dir=desc", null, "3.30"), "snapshots"))
                .containsExactly("s-b", "s-a");
        // availability_zone (the volume's): dropped from a user's query before 3.31, a configured filter from it
        assertThat(names(pia("GET", "snapshots?" + of + "availability_zone=elsewhere", null, "3.30"), "snapshots"))
                .hasSize(2);
        assertThat(names(pia("GET", "snapshots?" + of + "availability_zone=elsewhere", null, "3.31"), "snapshots"))
                .isEmpty();
        assertThat(names(pia("GET", "snapshots?" + of + "availability_zone=nova", null, "3.31"), "snapshots"))
                .hasSize(2);
    }

    @Test
    void configuredResourceFiltersFrom3_31And3_33() throws Exception {
        String vol = volume(pia, "p-pia", "{\"volume\": {\"size\": 1, \"name\": \"rf\"}}", "available");
        // before 3.31 a filter no list knows is dropped
        assertThat(names(pia("GET", "volumes?colour=red&name=rf", null, "3.30"), "volumes")).containsExactly("rf");
        Reply rejected = pia("GET", "volumes?colour=red&size=1&name=rf", null, "3.31");
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(message(rejected)).isEqualTo("Invalid filters colour,size are found in query options.");
        // all_tenants (cinderclient's) is dropped silently; paging and sorting are no filters
        assertThat(names(pia("GET", "volumes?all_tenants=1&name=rf&limit=5&sort=name:asc", null, "3.31"),
                "volumes")).containsExactly("rf");
        // administrators may pass any
        assertThat(admin("GET", "volumes?colour=red", null, "3.31").status()).isEqualTo(200);
        // migration_status is configured; no volume migrates here
        assertThat(names(pia("GET", "volumes?name=rf&migration_status=migrating", null, "3.31"), "volumes")).isEmpty();
        for (String list : List.of("snapshots", "backups", "messages", "attachments", "groups",
                "group_snapshots")) {
            Reply r = pia("GET", list + "?colour=red", null, "3.31");
            assertThat(r.status()).as(list + ": " + r.body()).isEqualTo(400);
            assertThat(message(r)).isEqualTo("Invalid filters colour are found in query options.");
            assertThat(pia("GET", list + "?colour=red", null, "3.30").status()).as(list).isEqualTo(200);
        }
        assertThat(pia("GET", "snapshots?volume_id=" + vol + "&status=available", null, "3.31").status())
                .isEqualTo(200);
        assertThat(pia("GET", "attachments?instance_id=x&attach_status=attached", null, "3.31").status())
                .isEqualTo(200);

        // 3.33: the configured filters, all or one resource's
        assertThat(pia("GET", "resource_filters", null, "3.32").status()).isEqualTo(404);
        Reply shown = pia("GET", "resource_filters", null, "3.33");
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        List<JsonNode> entries = shown.json().get("resource_filters").valueStream().toList();
        assertThat(entries.stream().map(e -> e.get("resource").asString())).contains("volume", "backup", "snapshot",
                "group", "group_snapshot", "attachment", "message", "pool");
        JsonNode one = pia("GET", "resource_filters?resource=backup", null, "3.33").json().get("resource_filters");
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get("filters").valueStream().map(JsonNode::asString))
                .containsExactly("name", "status", "volume_id");
        assertThat(pia("GET", "resource_filters?resource=nope", null, "3.33").json().get("resource_filters"))
                .isEmpty();
    }

    @Test
    void likeFiltersFrom3_34() throws Exception {
        volume(lik, "p-lik", "{\"volume\": {\"size\": 1, \"name\": \"Alpha-One\", \"description\":"
                + " \"first of all\"}}", "available");
        volume(lik, "p-lik", "{\"volume\": {\"size\": 1, \"name\": \"beta-two\"}}", "available");
        // before 3.34 name~ is no filter: an administrator's unknown filter is ignored, as before
        assertThat(names(lik("GET", "volumes?name~=alpha", null, "3.33"), "volumes")).hasSize(2);
        assertThat(names(lik("GET", "volumes?name~=alpha", null, "3.34"), "volumes")).containsExactly("Alpha-One");
        assertThat(names(lik("GET", "volumes/detail?name~=-T", null, "3.34"), "volumes")).containsExactly("beta-two");
        assertThat(names(lik("GET", "volumes?description~=OF%20ALL", null, "3.34"), "volumes"))
                .containsExactly("Alpha-One");
        assertThat(names(lik("GET", "volumes?name~=alpha&status=error", null, "3.34"), "volumes")).isEmpty();
        // a user may pass name~ only where the configuration names it (Cinder's default file does not)
        Reply user = pia("GET", "volumes?name~=alpha", null, "3.34");
        assertThat(user.status()).isEqualTo(400);
        assertThat(message(user)).isEqualTo("Invalid filters name~ are found in query options.");

        String vol = volume(lik, "p-lik", "{\"volume\": {\"size\": 1, \"name\": \"snapped\"}}", "available");
        Reply s = lik("POST", "snapshots", "{\"snapshot\": {\"volume_id\": \"" + vol + "\", \"name\":"
                + " \"Nightly-42\"}}", "3.34");
        awaitStatus(lik, "p-lik", "snapshots", "snapshot", s.json().at("/snapshot/id").asString(), "available");
        assertThat(names(lik("GET", "snapshots?name~=nightly", null, "3.34"), "snapshots"))
                .containsExactly("Nightly-42");
        assertThat(names(lik("GET", "snapshots?name~=nightly", null, "3.33"), "snapshots")).hasSize(1);
        assertThat(names(lik("GET", "snapshots?name~=weekly", null, "3.34"), "snapshots")).isEmpty();
        assertThat(lik("GET", "backups?name~=x", null, "3.34").json().get("backups")).isEmpty();
        assertThat(lik("GET", "messages?resource_type~=VOL", null, "3.34").status()).isEqualTo(200);
    }
}
