package io.nubo.shared.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.Test;

class OutboundUrlGuardTest {

    static OutboundProperties props(List<Integer> ports, List<String> allowedNetworks) {
        return new OutboundProperties(List.of("http", "https"), ports, allowedNetworks, List.of(), List.of("evil.test"));
    }

    static final OutboundUrlGuard DEFAULTS = new OutboundUrlGuard(props(List.of(80, 443), List.of()));

    /**
     * Asserts that nothing connected to {@code server} before now: connects to it ourselves and checks that the
     * first connection it accepts is ours (it carries our marker byte).
     */
    static void assertNoConnectionArrived(ServerSocket server) throws Exception {
        try (Socket ours = new Socket(server.getInetAddress(), server.getLocalPort())) {
            ours.getOutputStream().write('!');
            ours.getOutputStream().flush();
            try (Socket first = server.accept()) {
                assertThat(first.getInputStream().read()).as("the first connection the server saw is the test's own")
                        .isEqualTo('!');
            }
        }
    }

    @Test
    void aLoopbackImportTargetIsRefusedWithoutAConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             GuardedHttpClient byDefault = new GuardedHttpClient(DEFAULTS, Timeout.ofSeconds(5), Timeout.ofSeconds(5));
             GuardedHttpClient portAllowed = new GuardedHttpClient(new OutboundUrlGuard(
                     props(List.of(80, 443, server.getLocalPort()), List.of())), Timeout.ofSeconds(5),
                     Timeout.ofSeconds(5))) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/";
            assertThatThrownBy(() -> byDefault.send("GET", url, Map.of(), 5)).isInstanceOf(OutboundUrlRefused.class)
                    .hasMessageContaining("loopback");
            assertThatThrownBy(() -> byDefault.send("GET", "http://93.184.216.34:" + server.getLocalPort() + "/",
                    Map.of(), 5)).isInstanceOf(OutboundUrlRefused.class).hasMessageContaining("allowed-ports");
            assertThatThrownBy(() -> portAllowed.send("GET", url, Map.of(), 5))
                    .isInstanceOf(OutboundUrlRefused.class).hasMessageContaining("loopback");
            assertThatThrownBy(() -> portAllowed.send("GET", "http://localhost:" + server.getLocalPort() + "/",
                    Map.of(), 5)).as("a name is checked by what it resolves to").isInstanceOf(OutboundUrlRefused.class)
                    .hasMessageContaining("127.0.0.1");
            assertThatThrownBy(() -> portAllowed.send("GET", "http://[::ffff:127.0.0.1]:" + server.getLocalPort()
                    + "/", Map.of(), 5)).isInstanceOf(OutboundUrlRefused.class);
            assertNoConnectionArrived(server);
        }
    }

    @Test
    void aRedirectToAForbiddenAddressIsRefusedBeforeItIsFollowed() throws Exception {
        try (ServerSocket inner = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            HttpServer outer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            outer.createContext("/", ex -> {
                ex.getResponseHeaders().add("Location", "http://127.0.0.2:" + inner.getLocalPort() + "/secret");
                ex.sendResponseHeaders(302, -1);
                ex.close();
            });
            outer.start();
            try (GuardedHttpClient client = new GuardedHttpClient(new OutboundUrlGuard(props(
                    List.of(80, 443, inner.getLocalPort()), List.of("127.0.0.1/32"))), Timeout.ofSeconds(5),
                    Timeout.ofSeconds(5))) {
                String url = "http://127.0.0.1:" + outer.getAddress().getPort() + "/image";
                assertThatThrownBy(() -> client.send("GET", url, Map.of(), 5)).isInstanceOf(OutboundUrlRefused.class)
                        .hasMessageContaining("127.0.0.2");
                try (GuardedHttpClient.Response r = client.send("GET", url, Map.of(), 0)) {
                    assertThat(r.status()).as("not following, the redirect itself is returned").isEqualTo(302);
                }
            } finally {
                outer.stop(0);
            }
            assertNoConnectionArrived(inner);
        }
    }

    @Test
    void anOptedInRangeIsFetchedOnAnyPort() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] b = "image bytes".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        try (GuardedHttpClient client = new GuardedHttpClient(new OutboundUrlGuard(props(List.of(80, 443),
                List.of("127.0.0.1/32"))), Timeout.ofSeconds(5), Timeout.ofSeconds(5));
             GuardedHttpClient.Response r = client.send("GET", "http://127.0.0.1:" + server.getAddress().getPort()
                     + "/x", Map.of(), 5); InputStream in = r.body()) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.contentLength()).hasValue(11);
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("image bytes");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theFormOfAUrlIsCheckedBeforeAnyLookup() {
        for (String bad : List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://172.16.3.4/",
                "http://192.168.1.1/", "http://100.64.0.1/", "http://0.0.0.0/", "http://[::1]/", "http://[fe80::1]/",
                "http://[fd00::1]/", "http://224.0.0.1/", "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a00:1]/",
                "http://[2002:7f00:1::]/", "http://93.184.216.34:8080/", "file:///etc/passwd", "gopher://x/",
                "http://user:pw@example.com/", "http://evil.test/", "not a url", "http:///nohost")) {
            assertThatThrownBy(() -> DEFAULTS.check(bad)).as(bad).isInstanceOf(OutboundUrlRefused.class);
        }
        assertThatCode(() -> DEFAULTS.check("https://example.com/image.qcow2")).doesNotThrowAnyException();
        assertThatCode(() -> DEFAULTS.check("http://93.184.216.34/x")).doesNotThrowAnyException();
    }

    @Test
    void theMachinesOwnAddressesAndDeniedRangesAreRefused() throws Exception {
        InetAddress own = InetAddress.getByName("93.184.216.34");
        OutboundUrlGuard guard = new OutboundUrlGuard(new OutboundProperties(List.of("http"), List.of(80),
                List.of(), List.of("198.51.0.0/16"), List.of()), () -> List.of(own));
        assertThatThrownBy(() -> guard.check("http://93.184.216.34/")).hasMessageContaining("the cloud itself");
        assertThatThrownBy(() -> guard.check("http://198.51.7.7/")).hasMessageContaining("denied");
    }

    @Test
    void rangesMatchByPrefix() {
        assertThat(AddressRange.parse("172.16.0.0/12").contains(addr("172.31.255.255"))).isTrue();
        assertThat(AddressRange.parse("172.16.0.0/12").contains(addr("172.32.0.0"))).isFalse();
        assertThat(AddressRange.parse("fc00::/7").contains(addr("fdff::1"))).isTrue();
        assertThat(AddressRange.parse("127.0.0.1").contains(addr("127.0.0.2"))).isFalse();
        assertThatThrownBy(() -> AddressRange.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
    }

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
