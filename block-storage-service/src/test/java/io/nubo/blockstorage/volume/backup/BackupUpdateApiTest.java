package io.nubo.blockstorage.volume.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Microversion 3.9: a backup's name and description change with PUT (the backup itself is recorded directly: this
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
}
