package io.nubo.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The compare-and-swap state machine under concurrent requests: one upload wins, a delete beats a slow upload. */
class ImageUploadRaceTest extends ImageHttpTest {

    final String token = TestTokens.project("p-race", "member");

    /** Sends 64 KiB, then waits for the test to let it finish with 64 KiB more. */
    static final class HeldStream extends InputStream {
        final CountDownLatch release = new CountDownLatch(1);
        int sent;

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0];
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (sent == 65536) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            if (sent >= 131072) {
                return -1;
            }
            int n = Math.min(len, 65536 - sent % 65536);
            sent += n;
            return n;
        }
    }

    private CompletableFuture<HttpResponse<String>> slowUpload(String id, HeldStream body) {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/images/" + id + "/file"))
                .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        return HTTP.sendAsync(r, HttpResponse.BodyHandlers.ofString());
    }

    private String status(String id) throws Exception {
        Reply r = json(token, "GET", "/v2/images/" + id, null);
        return r.status() == 404 ? "gone" : r.json().get("status").asString();
    }

    private void awaitStatus(String id, String wanted) throws Exception {
        for (int n = 0; n < 200 && !status(id).equals(wanted); n++) {
            Thread.sleep(25);
        }
        assertThat(status(id)).isEqualTo(wanted);
    }

    @Test
    void aSecondUploadWhileTheFirstStreamsIsRefusedAndTheFirstWins() throws Exception {
        String id = create(token, "{\"name\": \"race\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        HeldStream first = new HeldStream();
        CompletableFuture<HttpResponse<String>> a = slowUpload(id, first);
        awaitStatus(id, "saving");
        assertThat(upload(token, id, new byte[10]).status()).isEqualTo(409);
        assertThat(status(id)).isEqualTo("saving");
        first.release.countDown();
        assertThat(a.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        Reply shown = json(token, "GET", "/v2/images/" + id, null);
        assertThat(shown.json().get("status").asString()).isEqualTo("active");
        assertThat(shown.json().get("size").asLong()).isEqualTo(131072);
    }

    @Test
    void deletingAnImageWhileItsDataStreamsDiscardsTheData() throws Exception {
        String id = create(token, "{\"name\": \"doomed\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        HeldStream body = new HeldStream();
        CompletableFuture<HttpResponse<String>> a = slowUpload(id, body);
        awaitStatus(id, "saving");
        assertThat(json(token, "DELETE", "/v2/images/" + id, null).status()).isEqualTo(204);
        body.release.countDown();
        HttpResponse<String> late = a.get(30, TimeUnit.SECONDS);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("deleted during the upload");
        assertThat(status(id)).isEqualTo("gone");
        assertThat(Files.exists(Path.of(DATA_DIR, "image", "store", id))).isFalse();
        try (var left = Files.list(Path.of(DATA_DIR, "image", "store", ".incoming"))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith(id))).isEmpty();
        }
    }
}
