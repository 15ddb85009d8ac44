package io.nubo.objectstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.validation.RequestSchemas;
import io.nubo.testsupport.TestTokens;
import io.nubo.testsupport.fuzz.SchemaFuzzer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Issue 18: a container named ".." was accepted; and the object store's own fuzz test: the static large object
 * manifest schema's generated bodies, hostile container names and metadata headers: no 5xx, healthy after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=object-store-service")
@Import(TestTokens.Keys.class)
class SwiftValidationApiTest extends SwiftApiTestBase {

    static final String OWNER = TestTokens.project("p-val", "member");
    static final String A = "/v1/AUTH_p-val";

    @Autowired
    RequestSchemas schemas;

    @Test
    void dotContainerNamesAreA400() throws Exception {
        // a literal dot segment is resolved by the HTTP layer before the service sees it (404, as in Swift);
        // percent-encoded it reaches the service, which refuses it
        assertThat(call("PUT", A + "/..", OWNER, null).statusCode()).isIn(400, 404);
        for (String name : List.of("%2E%2E", "%2e", "%2E", "%2e%2e")) {
            HttpResponse<String> r = call("PUT", A + "/" + name, OWNER, null);
            assertThat(r.statusCode()).as(name).isEqualTo(400);
            assertThat(call("PUT", A + "/" + name + "/obj", OWNER, "x").statusCode()).as(name).isEqualTo(400);
        }
        assertThat(call("PUT", A + "/..x", OWNER, null).statusCode()).isEqualTo(201);
        assertThat(call("GET", A, OWNER, null).body().lines()).contains("..x").doesNotContain("..", ".");
    }

    @Test
    void noGeneratedRequestGetsA5xx() throws Exception {
        call("PUT", A + "/segments", OWNER, null);
        call("PUT", A + "/segments/s1", OWNER, "0123456789");
        call("PUT", A + "/fuzz", OWNER, null);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        int sent = 0;
        for (SchemaFuzzer.Case c : new SchemaFuzzer(schemas, 18).cases("object-store/slo-manifest.json", 1500)) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + A
                    + "/fuzz/manifest-" + sent + "?multipart-manifest=put")).header("X-Auth-Token", OWNER)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(c.body())).build(), HttpResponse.BodyHandlers.ofString());
            sent++;
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() >= 500) {
                errors.add(c.description() + " -> " + r.statusCode());
            }
        }
        List<String> names = List.of("%00", "a%00b", "%FF", "%C3%28", "x".repeat(257), "%2F", "a%2Fb", "%20", "~",
                "%E2%80%AE", "%F0%9F%98%80".repeat(100), "con", "a%3Fb", "a;b", "%2E%2E", "%2E");
        for (String name : names) {
            for (String method : List.of("PUT", "GET", "HEAD", "POST", "DELETE")) {
                int status = call(method, A + "/" + name, OWNER, null).statusCode();
                sent++;
                statuses.merge(status, 1, Integer::sum);
                if (status >= 500) {
                    errors.add(method + " container " + name + " -> " + status);
                }
                status = call(method, A + "/fuzz/" + name, OWNER, method.equals("PUT") ? "x" : null).statusCode();
                sent++;
                statuses.merge(status, 1, Integer::sum);
                if (status >= 500) {
                    errors.add(method + " object " + name + " -> " + status);
                }
            }
        }
        for (String[] h : List.of(new String[] {"X-Container-Meta-" + "k".repeat(200), "v"},
                new String[] {"X-Container-Meta-K", "v".repeat(300)}, new String[] {"X-Container-Meta-Quota-Bytes", "-1"},
                new String[] {"X-Container-Meta-Quota-Bytes", "x"}, new String[] {"X-Container-Read", "\u00e9"},
                new String[] {"X-Versions-Location", "..".repeat(200)}, new String[] {"X-Delete-At", "-5"},
                new String[] {"X-Delete-After", "99999999999999999999"})) {
            for (String path : List.of(A + "/fuzz", A + "/fuzz/obj")) {
                int status = call("POST", path, OWNER, null, h[0], h[1]).statusCode();
                sent++;
                statuses.merge(status, 1, Integer::sum);
                if (status >= 500) {
                    errors.add("POST " + path + " " + h[0] + " -> " + status);
                }
            }
        }
        System.out.println("object-store fuzz: " + sent + " requests, statuses " + statuses);
        assertThat(errors).isEmpty();
        assertThat(sent).isGreaterThan(1500);
        assertThat(statuses.getOrDefault(400, 0)).isGreaterThan(100);
        assertThat(call("GET", "/healthcheck", null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", A + "/segments/s1", OWNER, null).body()).isEqualTo("0123456789");
    }
}
