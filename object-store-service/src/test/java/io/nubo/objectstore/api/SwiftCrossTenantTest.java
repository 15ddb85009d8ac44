package io.nubo.objectstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.TestTokens;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Issue 14's cross-tenant matrix for the object store. Swift has one dispatcher for every path, so the matrix is
 * the Swift API itself: every method on the owner's account, container and object (and their query forms: bulk
 * delete, archive extraction, manifests, symlinks, temporary URLs), plus the ways to reach another account from
 * one's own (copy from and to another account, a symlink into it, a large-object manifest). A member of another
 * project gets no 2xx, 3xx or 5xx on the owner's paths, no byte or metadata value of the owner's anywhere, and the
 * owner's account is the same afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=object-store-service")
@Import(TestTokens.Keys.class)
class SwiftCrossTenantTest extends SwiftApiTestBase {

    static final String OWNER = TestTokens.project("p-own-x", "member");
    static final String STRANGER = TestTokens.project("p-str-x", "member");
    static final String A = "/v1/AUTH_p-own-x";
    static final String B = "/v1/AUTH_p-str-x";

    record Answer(String call, int status, String body, String headers) {
    }

    @Test
    void aMemberOfAnotherProjectGetsNothingOfTheOwners() throws Exception {
        String secret = "secret-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(call("PUT", A + "/sc", OWNER, null, "X-Container-Meta-Secret", secret).statusCode()).isEqualTo(201);
        assertThat(call("PUT", A + "/sc/so", OWNER, "bytes-" + secret, "X-Object-Meta-Secret", secret).statusCode())
                .isEqualTo(201);
        assertThat(call("PUT", A + "/sc/seg/1", OWNER, "segment-" + secret).statusCode()).isEqualTo(201);
        assertThat(call("PUT", A + "/sc/dlo", OWNER, "", "X-Object-Manifest", "sc/seg/").statusCode()).isEqualTo(201);
        assertThat(call("POST", A, OWNER, null, "X-Account-Meta-Secret", secret).statusCode()).isEqualTo(204);
        List<String> before = ownersView();

        List<Answer> onOwners = new ArrayList<>();
        for (String path : List.of(A, A + "/sc", A + "/sc/so", A + "/sc/dlo", A + "/nosuch", A + "/sc/nosuch")) {
            for (String method : List.of("GET", "HEAD", "PUT", "POST", "DELETE")) {
                onOwners.add(ask(method, path, method.equals("PUT") ? "pwned" : null,
                        "X-Container-Meta-Secret", "pwned", "X-Object-Meta-Secret", "pwned"));
            }
            onOwners.add(ask("COPY", path, null, "Destination", "/sc/pwned"));
        }
        onOwners.add(ask("GET", A + "?format=json", null));
        onOwners.add(ask("GET", A + "/sc?format=json&prefix=s", null));
        onOwners.add(ask("GET", A + "/sc/dlo?multipart-manifest=get", null));
        onOwners.add(ask("GET", A + "/sc/so?symlink=get", null));
        onOwners.add(ask("DELETE", A + "/sc/dlo?multipart-manifest=delete", null));
        onOwners.add(ask("POST", A + "?bulk-delete", "/sc/so\n/sc/seg/1\n", "Content-Type", "text/plain"));
        onOwners.add(ask("PUT", A + "/sc?extract-archive=tar", "", "Content-Type", "application/x-tar"));
        onOwners.add(ask("GET", A + "/sc/so?temp_url_sig=" + "0".repeat(40) + "&temp_url_expires=9999999999", null));
        onOwners.add(ask("PUT", A + "/sc/so", null, "X-Copy-From", "/sc/so"));
        onOwners.add(ask("POST", A + "/sc", null, "X-Container-Read", ".r:*,.rlistings"));
        onOwners.add(ask("POST", A, null, "X-Account-Meta-Temp-URL-Key", "stolen"));

        List<String> leaks = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Answer a : onOwners) {
            statuses.merge(a.status(), 1, Integer::sum);
            if (a.status() < 400 || a.status() >= 500 || shows(a, secret)) {
                leaks.add(a.call() + " -> " + a.status() + " " + a.headers() + " " + a.body());
            }
        }

        // from the stranger's own account, reaching into the owner's
        assertThat(call("PUT", B + "/mine", STRANGER, null).statusCode()).isEqualTo(201);
        assertThat(call("PUT", B + "/mine/x", STRANGER, "mine").statusCode()).isEqualTo(201);
        List<Answer> fromOwn = new ArrayList<>();
        fromOwn.add(ask("PUT", B + "/mine/copied", null, "X-Copy-From", "/sc/so", "X-Copy-From-Account",
                "AUTH_p-own-x"));
        fromOwn.add(ask("COPY", B + "/mine/x", null, "Destination", "/sc/pwned", "Destination-Account",
                "AUTH_p-own-x"));
        fromOwn.add(ask("PUT", B + "/mine/link", "", "X-Symlink-Target", "sc/so", "X-Symlink-Target-Account",
                "AUTH_p-own-x"));
        fromOwn.add(ask("GET", B + "/mine/link", null));
        fromOwn.add(ask("HEAD", B + "/mine/link", null));
        fromOwn.add(ask("PUT", B + "/mine/dlo", "", "X-Object-Manifest", "sc/seg/"));
        fromOwn.add(ask("GET", B + "/mine/dlo", null));
        fromOwn.add(ask("PUT", B + "/mine/slo?multipart-manifest=put",
                "[{\"path\": \"/sc/seg/1\"}]", "Content-Type", "application/json"));
        fromOwn.add(ask("GET", B + "/mine/slo", null));
        for (Answer a : fromOwn) {
            statuses.merge(a.status(), 1, Integer::sum);
            if (a.status() >= 500 || shows(a, secret)) {
                leaks.add(a.call() + " -> " + a.status() + " " + a.headers() + " " + a.body());
            }
        }
        // the copy from the owner's account was refused, so nothing of the owner's is in the stranger's
        assertThat(call("GET", B + "/mine/copied", STRANGER, null).statusCode()).isEqualTo(404);

        assertThat(leaks).isEmpty();
        assertThat(ownersView()).as("the owner's account, container and objects").isEqualTo(before);
        System.out.println("object store cross-tenant matrix: " + (onOwners.size() + fromOwn.size())
                + " calls, statuses " + statuses);
        fromOwn.forEach(a -> System.out.println("  from the stranger's account: " + a.call() + " -> " + a.status()));
    }

    private Answer ask(String method, String path, String body, String... headers) throws Exception {
        HttpResponse<String> r = call(method, path, STRANGER, body, headers);
        return new Answer(method + " " + path + " " + String.join(" ", headers), r.statusCode(), r.body(),
                r.headers().map().toString());
    }

    private static boolean shows(Answer a, String secret) {
        return a.body() != null && a.body().contains(secret) || a.headers().contains(secret);
    }

    private List<String> ownersView() throws Exception {
        List<String> out = new ArrayList<>();
        out.add(call("GET", A + "?format=json", OWNER, null).body());
        out.add(call("GET", A + "/sc?format=json", OWNER, null).body());
        for (String p : List.of("", "/sc", "/sc/so")) {
            Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            call("HEAD", A + p, OWNER, null).headers().map().forEach((k, v) -> {
                String l = k.toLowerCase(java.util.Locale.ROOT);
                if (l.startsWith("x-account-meta") || l.startsWith("x-container-meta") || l.startsWith("x-object-meta")
                        || l.startsWith("x-container-read") || l.startsWith("x-container-write") || l.equals("etag")
                        || l.endsWith("-count") || l.endsWith("bytes-used")) {
                    h.put(k, v);
                }
            });
            out.add(p + " " + h);
        }
        out.add(call("GET", A + "/sc/so", OWNER, null).body());
        out.add(call("GET", A + "/sc/dlo", OWNER, null).body());
        return out;
    }
}
