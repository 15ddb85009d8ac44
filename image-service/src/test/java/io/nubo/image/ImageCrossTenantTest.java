package io.nubo.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.TestTokens;
import io.nubo.testsupport.tenancy.CrossTenantMatrix;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Issue 14's cross-tenant matrix for the image service: every handler that names an image, a member, a tag or a
 * metadefs namespace in its path, called by a member of another project with the owner's ids. None lets the
 * stranger in (no 2xx, no 3xx, no 5xx, no body showing the owner's names or values), and the owner's image,
 * members, data and namespace are unchanged afterwards. The lists do not show them either.
 */
class ImageCrossTenantTest extends ImageHttpTest {

    @Autowired
    ApplicationContext context;

    final String owner = TestTokens.project("p-owner-x", "member");
    final String ownerAdmin = TestTokens.project("p-owner-x", "admin");
    final String stranger = TestTokens.project("p-stranger-x", "member");

    @Test
    void aMemberOfAnotherProjectGetsNothingOfTheOwners() throws Exception {
        String mark = UUID.randomUUID().toString().substring(0, 8);
        String secretName = "secret-img-" + mark;
        String secretValue = "secret-val-" + mark;
        String secretTag = "secret-tag-" + mark;
        String ns = "OS::Secret::" + mark;
        String nsThing = "secretthing" + mark;
        String id = create(owner, "{\"name\": \"" + secretName + "\", \"disk_format\": \"raw\","
                + " \"container_format\": \"bare\", \"visibility\": \"shared\", \"secret_prop\": \"" + secretValue
                + "\", \"tags\": [\"" + secretTag + "\"]}");
        assertThat(upload(owner, id, ("bytes-" + secretValue).getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(204);
        assertThat(json(owner, "POST", "/v2/images/" + id + "/members", "{\"member\": \"p-third-x\"}").status())
                .isEqualTo(200);
        // metadefs namespaces are created by admins; a private one belongs to the admin's project
        assertThat(json(ownerAdmin, "POST", "/v2/metadefs/namespaces", "{\"namespace\": \"" + ns + "\","
                + " \"display_name\": \"" + secretValue + "\", \"visibility\": \"private\"}").status()).isEqualTo(201);
        String nsPath = "/v2/metadefs/namespaces/" + ns;
        assertThat(json(ownerAdmin, "POST", nsPath + "/objects", "{\"name\": \"" + nsThing + "\"}").status())
                .isEqualTo(201);
        assertThat(json(ownerAdmin, "POST", nsPath + "/properties", "{\"name\": \"" + nsThing + "\", \"title\": \""
                + secretValue + "\", \"type\": \"string\"}").status()).isEqualTo(201);
        assertThat(json(ownerAdmin, "POST", nsPath + "/tags/" + nsThing, null).status()).isEqualTo(201);

        List<String> before = ownersView(id, nsPath);

        Set<String> unfilled = new TreeSet<>();
        List<CrossTenantMatrix.Call> calls = CrossTenantMatrix.calls(context, Map.of("id", id, "member",
                "p-third-x", "tag", secretTag, "ns", ns, "name", nsThing), unfilled);
        // schemas are public documents, the same for every caller
        calls.removeIf(c -> c.pattern().startsWith("/v2/schemas/"));
        unfilled.removeIf(p -> p.startsWith("/v2/schemas/"));
        assertThat(unfilled).as("handlers whose path variables the matrix has no owner's value for").isEmpty();
        assertThat(CrossTenantMatrix.patterns(calls)).hasSize(19);

        List<CrossTenantMatrix.Answer> answers = new ArrayList<>();
        for (CrossTenantMatrix.Call c : calls) {
            Reply r = strangerCall(c);
            answers.add(new CrossTenantMatrix.Answer(c, r.status(), r.body()));
        }
        Set<String> secrets = Set.of(secretName, secretValue, secretTag);
        assertThat(CrossTenantMatrix.leaks(answers, secrets)).isEmpty();
        assertThat(ownersView(id, nsPath)).as("the owner's image, members, data and namespace").isEqualTo(before);
        assertThat(json(stranger, "GET", "/v2/images?limit=1000", null).body()).doesNotContain(secretName);
        assertThat(json(stranger, "GET", "/v2/images?limit=1000&visibility=shared&member_status=all", null).body())
                .doesNotContain(secretName);
        assertThat(json(stranger, "GET", "/v2/metadefs/namespaces?limit=1000", null).body()).doesNotContain(ns);
        System.out.println("image cross-tenant matrix: " + answers.size() + " calls on "
                + CrossTenantMatrix.patterns(calls).size() + " handler paths, statuses "
                + CrossTenantMatrix.statuses(answers));
    }

    /** A body that gets a write past validation, so that what answers is the access check. */
    private Reply strangerCall(CrossTenantMatrix.Call c) throws Exception {
        String m = c.method();
        String p = c.pattern();
        if (m.equals("GET") || m.equals("DELETE") || m.equals("HEAD") || p.endsWith("/actions/deactivate")
                || p.endsWith("/actions/reactivate") || p.endsWith("/tags/{name}") && m.equals("POST")) {
            return call(stranger, m, c.path(), null, null);
        }
        if (p.endsWith("/file") || p.endsWith("/stage")) {
            return call(stranger, m, c.path(), "application/octet-stream", "pwned".getBytes(StandardCharsets.UTF_8));
        }
        if (m.equals("PATCH")) {
            return call(stranger, m, c.path(), "application/openstack-images-v2.1-json-patch",
                    "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"pwned\"}]".getBytes(StandardCharsets.UTF_8));
        }
        String body = switch (p) {
            case "/v2/images/{id}/members" -> "{\"member\": \"p-stranger-x\"}";
            case "/v2/images/{id}/members/{member}" -> "{\"status\": \"accepted\"}";
            case "/v2/images/{id}/import" -> "{\"method\": {\"name\": \"glance-direct\"}}";
            case "/v2/images/{id}/tags/{tag}" -> null;
            default -> p.startsWith("/v2/metadefs/namespaces/{ns}") ? metadefBody(p) : "{}";
        };
        return json(stranger, m, c.path(), body);
    }

    private static String metadefBody(String pattern) {
        if (pattern.endsWith("/objects") || pattern.endsWith("/objects/{name}")) {
            return "{\"name\": \"pwned\"}";
        }
        if (pattern.endsWith("/properties") || pattern.endsWith("/properties/{name}")) {
            return "{\"name\": \"pwned\", \"title\": \"pwned\", \"type\": \"string\"}";
        }
        if (pattern.endsWith("/resource_types")) {
            return "{\"name\": \"OS::Glance::Image\"}";
        }
        if (pattern.endsWith("/tags")) {
            return "{\"tags\": [{\"name\": \"pwned\"}]}";
        }
        if (pattern.endsWith("/tags/{name}")) {
            return "{\"name\": \"pwned\"}";
        }
        return "{\"namespace\": \"pwned\", \"visibility\": \"public\"}";
    }

    private List<String> ownersView(String id, String nsPath) throws Exception {
        List<String> out = new ArrayList<>();
        out.add(json(owner, "GET", "/v2/images/" + id, null).body());
        out.add(json(owner, "GET", "/v2/images/" + id + "/members", null).body());
        out.add(call(owner, "GET", "/v2/images/" + id + "/file", null, null).body());
        for (String p : List.of("", "/objects", "/properties", "/tags", "/resource_types")) {
            out.add(json(ownerAdmin, "GET", nsPath + p, null).body());
        }
        return out;
    }
}
