package io.nubo.blockstorage.volume.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Microversion 3.9: a backup's name and description change with PUT; 3.18 the project attribute; 3.37 the lists
 * sorted by name (and their filters and paging) (the backup itself is recorded directly: this
 * module's tests run without an object store, and the update touches only the record).
 */
@org.junit.jupiter.api.Tag("integration")
class BackupUpdateApiTest extends BlockStorageHttpTest {

    final String lee = TestTokens.project("p-lee", "member");
    final String max = TestTokens.project("p-max", "member");

    @Autowired
    BackupRepository backups;

    @Test
    void nameAndDescriptionChangeFrom3_9() throws Exception {
        String volume = volume(lee, "p-lee", "{\"volume\": {\"size\": 1}}", "available");
        BackupEntity b = new BackupEntity(UUID.randomUUID().toString(), "p-lee", "u", volume, null, 1, "backups",
                "volume_" + volume, Instant.now());
        b.setName("before");
        b.setDescription("kept");
        backups.save(b);
        String path = v3("p-lee", "backups/" + b.getId());
        assertThat(call(lee, "PUT", path, "{\"backup\": {\"name\": \"after\"}}", "OpenStack-API-Version",
                "volume 3.8").status()).isIn(404, 405);
        Reply r = call(lee, "PUT", path, "{\"backup\": {\"name\": \"after\"}}", "OpenStack-API-Version",
                "volume 3.9");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/backup/id").asString()).isEqualTo(b.getId());
        assertThat(r.json().at("/backup/name").asString()).isEqualTo("after");
        assertThat(r.json().at("/backup/links/0/href").asString()).endsWith("/v3/p-lee/backups/" + b.getId());
        assertThat(r.json().get("backup").has("description")).isFalse();
        Reply d = call(lee, "PUT", path, "{\"backup\": {\"description\": \"new\"}}", "OpenStack-API-Version",
                "volume 3.9");
        assertThat(d.status()).isEqualTo(200);
        BackupEntity stored = backups.findById(b.getId()).orElseThrow();
        assertThat(stored.getName()).isEqualTo("after");
        assertThat(stored.getDescription()).isEqualTo("new");
        assertThat(call(lee, "PUT", path, "{\"backup\": {\"size\": 5}}", "OpenStack-API-Version", "volume 3.9")
                .status()).isEqualTo(400);
        assertThat(call(lee, "PUT", path, "{\"backup\": {\"name\": \"" + "n".repeat(256) + "\"}}",
                "OpenStack-API-Version", "volume 3.9").status()).isEqualTo(400);
        assertThat(call(max, "PUT", v3("p-max", "backups/" + b.getId()), "{\"backup\": {\"name\": \"x\"}}",
                "OpenStack-API-Version", "volume 3.9").status()).isEqualTo(404);
        assertThat(backups.findById(b.getId()).orElseThrow().getName()).isEqualTo("after");
    }

    @Test
    void projectAttributeForAdminsFrom3_18() throws Exception {
        String admin = TestTokens.project("p-admin", "admin");
        String volume = volume(lee, "p-lee", "{\"volume\": {\"size\": 1}}", "available");
        BackupEntity b = new BackupEntity(UUID.randomUUID().toString(), "p-lee", "u", volume, null, 1, "backups",
                "volume_" + volume, Instant.now());
        backups.save(b);
        String key = "os-backup-project-attr:project_id";
        var shown = call(admin, "GET", v3("p-lee", "backups/" + b.getId()), null, "OpenStack-API-Version",
                "volume 3.18");
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.json().at("/backup/" + key.replace("/", "~1")).asString()).isEqualTo("p-lee");
        var detail = call(admin, "GET", v3("p-admin", "backups/detail?all_tenants=true"), null,
                "OpenStack-API-Version", "volume 3.18").json().get("backups");
        assertThat(detail.valueStream().filter(x -> x.get("id").asString().equals(b.getId())).findFirst()
                .orElseThrow().get(key).asString()).isEqualTo("p-lee");
        // before 3.18, or for the owner (admin_api), or in the summary list: absent
        assertThat(call(admin, "GET", v3("p-lee", "backups/" + b.getId()), null, "OpenStack-API-Version",
                "volume 3.17").json().get("backup").has(key)).isFalse();
        assertThat(call(lee, "GET", v3("p-lee", "backups/" + b.getId()), null, "OpenStack-API-Version",
                "volume 3.18").json().get("backup").has(key)).isFalse();
        assertThat(call(lee, "GET", v3("p-lee", "backups/detail"), null, "OpenStack-API-Version",
                "volume 3.18").json().get("backups").get(0).has(key)).isFalse();
        assertThat(call(admin, "GET", v3("p-admin", "backups?all_tenants=true"), null, "OpenStack-API-Version",
                "volume 3.18").json().get("backups").get(0).has(key)).isFalse();
    }

    @Test
    void backupsSortByNameFrom3_37() throws Exception {
        String bo = TestTokens.project("p-bo", "member");
        String volume = volume(bo, "p-bo", "{\"volume\": {\"size\": 1}}", "available");
        for (String name : List.of("b-b", "b-a")) {
            BackupEntity b = new BackupEntity(UUID.randomUUID().toString(), "p-bo", "u", volume, null, 1, "backups",
                    "volume_" + volume, Instant.now());
            b.setName(name);
            backups.save(b);
        }
        Reply before = as(bo, "GET", "backups?sort=name:asc", null, "3.36");
        assertThat(before.status()).isEqualTo(400);
        assertThat(message(before)).contains("Invalid sort key: name");
        assertThat(names(as(bo, "GET", "backups?sort=display_name:asc", null, "3.36"))).containsExactly("b-a",
                "b-b");
        assertThat(names(as(bo, "GET", "backups/detail?sort=name:asc", null, "3.37"))).containsExactly("b-a",
                "b-b");
        assertThat(names(as(bo, "GET", "backups?sort_key=name&sort_dir=desc", null, "3.37")))
                .containsExactly("b-b", "b-a");
        // the filters and the paging of Cinder's backup lists
        assertThat(names(as(bo, "GET", "backups?name=b-a", null, "3.37"))).containsExactly("b-a");
        Reply page = as(bo, "GET", "backups?sort=name:asc&limit=1", null, "3.37");
        assertThat(names(page)).containsExactly("b-a");
        assertThat(page.json().at("/backups_links/0/rel").asString()).isEqualTo("next");
    }

    private static List<String> names(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("backups").valueStream().map(b -> b.get("name").asString()).toList();
    }

    private Reply as(String token, String method, String rest, String body, String version) throws Exception {
        return call(token, method, v3("p-bo", rest), body, "OpenStack-API-Version", "volume " + version);
    }

    private static String message(Reply r) {
        return r.json().values().iterator().next().get("message").asString();
    }
}
