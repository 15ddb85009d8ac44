package io.nubo.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service user's sign-in against a small Keystone on loopback: the body it sends, caching, renewal, errors. */
class ServiceUserSessionTest {

    HttpServer keystone;
    final AtomicInteger signIns = new AtomicInteger();
    final AtomicReference<String> lastBody = new AtomicReference<>();
    volatile int status = 201;
    volatile Instant expires = Instant.parse("2026-12-01T12:10:00Z");
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));

    @BeforeEach
    void start() throws IOException {
        keystone = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keystone.createContext("/v3/auth/tokens", ex -> {
            lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int n = signIns.incrementAndGet();
            byte[] body = ("{\"token\": {\"expires_at\": \"" + expires + "\", \"catalog\": [{\"type\": \"object-store\","
                    + " \"endpoints\": [{\"interface\": \"internal\", \"region_id\": \"r1\", \"url\": \"http://s/v1/AUTH_x/\"},"
                    + " {\"interface\": \"public\", \"region_id\": \"r2\", \"url\": \"http://p/v1/AUTH_x\"}]}]}}")
                    .getBytes(StandardCharsets.UTF_8);
            if (status == 201) {
                ex.getResponseHeaders().add("X-Subject-Token", "tok-" + n);
            }
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        keystone.start();
    }

    @AfterEach
    void stop() {
        keystone.stop(0);
    }

    ServiceUserSession session() {
        return new ServiceUserSession(HttpClient.newHttpClient(), new ServiceUserSession.Credentials(
                "http://127.0.0.1:" + keystone.getAddress().getPort() + "/v3/", "glance", "pw", "Default", "service",
                "Default"), clock);
    }

    @Test
    void signsInOnceAndKeepsTheTokenUntilAMinuteBeforeItExpires() throws IOException {
        ServiceUserSession s = session();
        assertThat(s.tokenId()).isEqualTo("tok-1");
        assertThat(lastBody.get()).contains("\"password\"").contains("\"name\":\"glance\"").contains("\"service\"");
        clock.now = clock.now.plus(Duration.ofMinutes(8));
        assertThat(s.tokenId()).isEqualTo("tok-1");
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(s.tokenId()).as("within a minute of expiry").isEqualTo("tok-2");
        s.forget();
        assertThat(s.tokenId()).isEqualTo("tok-3");
        assertThat(signIns).hasValue(3);
    }

    @Test
    void findsEndpointsByTypeInterfaceAndRegion() throws IOException {
        ServiceUserSession.Token t = session().current();
        assertThat(t.endpoint("object-store", "internal", null)).hasValue("http://s/v1/AUTH_x");
        assertThat(t.endpoint("object-store", "public", "r2")).hasValue("http://p/v1/AUTH_x");
        assertThat(t.endpoint("object-store", "public", "r1")).isEmpty();
        assertThat(t.endpoint("volumev3", "internal", null)).isEmpty();
    }

    @Test
    void aRefusalOrAnUnreachableIdentityIsAnIoExceptionThatSaysWho() {
        status = 401;
        assertThatThrownBy(() -> session().current()).isInstanceOf(IOException.class)
                .hasMessageContaining("glance").hasMessageContaining("401");
        ServiceUserSession nowhere = new ServiceUserSession(HttpClient.newHttpClient(),
                new ServiceUserSession.Credentials("http://127.0.0.1:1/v3", "nova", "pw", "Default", "service",
                        "Default"));
        assertThatThrownBy(nowhere::current).isInstanceOf(IOException.class);
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
