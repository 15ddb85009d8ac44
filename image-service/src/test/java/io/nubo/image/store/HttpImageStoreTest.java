package io.nubo.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import io.nubo.shared.outbound.GuardedHttpClient;
import io.nubo.shared.outbound.OutboundProperties;
import io.nubo.shared.outbound.OutboundUrlGuard;
import io.nubo.shared.outbound.OutboundUrlRefused;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read-only http store of image locations: allow-list on every read, ranges, no redirects, never writes. */
class HttpImageStoreTest {

    final byte[] data = new byte[5000];
    final AtomicInteger requests = new AtomicInteger();
    HttpServer server;
    String base;

    @BeforeEach
    void serve() throws IOException {
        new Random(11).nextBytes(data);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/img", ex -> {
            requests.incrementAndGet();
            String range = ex.getRequestHeaders().getFirst("Range");
            if (range != null) {
                String[] r = range.substring("bytes=".length()).split("-", -1);
                int from = Integer.parseInt(r[0]);
                int to = r[1].isEmpty() ? data.length - 1 : Integer.parseInt(r[1]);
                ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + data.length);
                ex.sendResponseHeaders(206, to - from + 1);
                ex.getResponseBody().write(Arrays.copyOfRange(data, from, to + 1));
            } else if (ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Content-Length", String.valueOf(data.length));
                ex.sendResponseHeaders(200, -1);
            } else {
                ex.sendResponseHeaders(200, data.length);
                ex.getResponseBody().write(data);
            }
            ex.close();
        });
        server.createContext("/moved", ex -> {
            requests.incrementAndGet();
            ex.getResponseHeaders().set("Location", base + "/img");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** A store whose outbound guard opts in to the given ranges (none: the default policy). */
    HttpImageStore store(String... allowedNetworks) {
        return new HttpImageStore(new GuardedHttpClient(new OutboundUrlGuard(new OutboundProperties(
                List.of("http", "https"), List.of(80, 443), List.of(allowedNetworks), List.of(), List.of())),
                Timeout.ofSeconds(5), Timeout.ofSeconds(5)));
    }

    @Test
    void readsWholeAndRangedFromAnAllowedHostIgnoringTheFragment() throws IOException {
        HttpImageStore s = store("127.0.0.1/32");
        assertThat(s.size(base + "/img#copy")).hasValue(data.length);
        try (InputStream in = s.read(base + "/img#copy", 0, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        try (InputStream in = s.read(base + "/img", 100, 50)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 100, 150));
        }
        assertThat(s.exists(base + "/img")).isTrue();
        assertThat(s.exists(base + "/nothing")).isFalse();
        assertThatThrownBy(() -> s.read(base + "/nothing", 0, -1)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void refusesLoopbackByDefaultWithoutSendingAnything() {
        HttpImageStore s = store();
        assertThatThrownBy(() -> s.read(base + "/img", 0, -1)).isInstanceOf(OutboundUrlRefused.class)
                .hasMessageContaining("loopback");
        assertThat(s.refusal(base + "/img")).contains("nubo.outbound.allowed-networks");
        assertThatThrownBy(() -> s.size("file:///etc/passwd")).isInstanceOf(IOException.class);
        assertThat(requests.get()).isZero();
    }

    @Test
    void followsNoRedirectAndNeverWritesOrDeletes() throws IOException {
        HttpImageStore s = store("127.0.0.1/32");
        assertThatThrownBy(() -> s.read(base + "/moved", 0, -1)).isInstanceOf(IOException.class)
                .hasMessageContaining("302");
        assertThat(requests.get()).isEqualTo(1);
        assertThatThrownBy(() -> s.write("id", InputStream.nullInputStream())).isInstanceOf(IOException.class);
        s.delete(base + "/img");
        assertThat(s.exists(base + "/img")).isTrue();
    }
}
