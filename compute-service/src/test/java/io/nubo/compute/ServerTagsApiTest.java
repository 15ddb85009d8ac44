package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.SpawnInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * 2.26's server tags: the six calls with Nova's codes, limits and errors, the tags in the server views from 2.26
 * (absent at 2.25), the list filters, another project's server unseen, a server in ERROR refused (409); and
 * 2.28's {@code cpu_info} object in os-hypervisors beside 2.27's string.
 */
@org.junit.jupiter.api.Tag("integration")
class ServerTagsApiTest extends ComputeHttpTest {

    static final String V = "X-OpenStack-Nova-API-Version";

    @Autowired
    EventCodec codec;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    Reply at(String version, String token, String method, String path, String body) throws Exception {
        return call(token, method, path, body, V, version);
    }

    private String boot(FakeAgent agent, String token, String flavor, boolean fails) throws Exception {
        Reply r = at("2.26", token, "POST", "/v2.1/servers", "{\"server\": {\"name\": \"tg\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().at("/server/id").asString();
        SpawnInstance spawn = agent.next(SpawnInstance.class);
        if (fails) {
            agent.failed(spawn, "spawn", "no");
        } else {
            agent.succeeded(spawn, "spawn", PowerState.RUNNING);
        }
        String want = fails ? "ERROR" : "ACTIVE";
        await(want, () -> server(id).get("status").asString().equals(want));
        return id;
    }

    private List<String> names(Reply list) {
        List<String> out = new ArrayList<>();
        list.json().get("servers").forEach(s -> out.add(s.get("id").asString()));
        return out;
    }

    @Test
    void serverTagsFrom226AndCpuInfoAsAnObjectFrom228() throws Exception {
        String p = "pt-" + UUID.randomUUID().toString().substring(0, 8);
        String token = member(p);
        String flavor = "ft-" + UUID.randomUUID().toString().substring(0, 8);
        post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                + "\", \"ram\": 128, \"vcpus\": 1, \"disk\": 1}}");
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE");
        try (FakeAgent agent = new FakeAgent("tg-" + UUID.randomUUID().toString().substring(0, 6), codec, kafka)) {
            agent.heartbeat(4, 8192, 100);
            await("host", () -> jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?",
                    Integer.class, agent.host) > 0);
            String a = boot(agent, token, flavor, false);
            String b = boot(agent, token, flavor, false);
            String tags = "/v2.1/servers/" + a + "/tags";

            assertThat(at("2.25", token, "GET", tags, null).status()).as("not before 2.26").isEqualTo(404);
            assertThat(at("2.26", token, "GET", tags, null).valid("v2_26.servers", "list_tags").json().get("tags"))
                    .isEmpty();
            Reply added = at("2.26", token, "PUT", tags + "/blue", null);
            assertThat(added.status()).isEqualTo(201);
            assertThat(added.header("Location")).endsWith("/v2.1/servers/" + a + "/tags/blue");
            assertThat(at("2.26", token, "PUT", tags + "/blue", null).status()).as("already there").isEqualTo(204);
            assertThat(at("2.26", token, "GET", tags + "/blue", null).status()).isEqualTo(204);
            Reply missing = at("2.26", token, "GET", tags + "/red", null);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().at("/itemNotFound/message").asString())
                    .isEqualTo("Server " + a + " has no tag 'red'");
            assertThat(at("2.26", token, "PUT", tags + "/a,b", null).json().at("/badRequest/message").asString())
                    .startsWith("Tag 'a,b' is invalid. It must be a non empty string without characters '/' and ','.");
            assertThat(at("2.26", token, "PUT", tags + "/" + "x".repeat(61), null).status()).isEqualTo(400);
            Reply all = at("2.26", token, "PUT", tags, "{\"tags\": [\"red\", \"green\", \"red\"]}")
                    .valid("v2_26.servers", "update_all_tags");
            assertThat(all.json().get("tags")).extracting(JsonNode::asString).containsExactly("green", "red");
            assertThat(at("2.26", token, "PUT", tags, "{\"tags\": [\"a/b\"]}").status()).isEqualTo(400);
            assertThat(at("2.26", token, "PUT", tags, "{\"tags\": \"red\"}").status()).isEqualTo(400);
            assertThat(at("2.26", token, "PUT", tags, "{\"tags\": [], \"x\": 1}").status()).isEqualTo(400);
            assertThat(at("2.26", token, "PUT", tags, "{}").status()).isEqualTo(400);
            List<String> fifty = new ArrayList<>();
            for (int i = 0; i < 51; i++) {
                fifty.add("\"t" + i + "\"");
            }
            assertThat(at("2.26", token, "PUT", tags, "{\"tags\": [" + String.join(",", fifty) + "]}").status())
                    .isEqualTo(400);
            assertThat(at("2.26", token, "PUT", tags, "{\"tags\": [" + String.join(",", fifty.subList(0, 50))
                    + "]}").status()).isEqualTo(200);
            Reply full = at("2.26", token, "PUT", tags + "/one-more", null);
            assertThat(full.json().at("/badRequest/message").asString())
                    .isEqualTo("The number of tags exceeded the per-server limit 50");
            assertThat(at("2.26", token, "PUT", tags, "{\"tags\": [\"red\", \"green\"]}").status()).isEqualTo(200);
            assertThat(at("2.26", token, "DELETE", tags + "/green", null).status()).isEqualTo(204);
            assertThat(at("2.26", token, "DELETE", tags + "/green", null).json().at("/itemNotFound/message")
                    .asString()).isEqualTo("Instance " + a + " has no tag 'green'");
            assertThat(at("2.26", token, "PUT", "/v2.1/servers/" + b + "/tags", "{\"tags\": [\"red\", \"blue\"]}")
                    .status()).isEqualTo(200);

            // the views from 2.26, absent before
            Reply shown = at("2.26", token, "GET", "/v2.1/servers/" + a, null).valid("v2_26.servers", "get_server");
            assertThat(shown.json().at("/server/tags").get(0).asString()).isEqualTo("red");
            assertThat(at("2.25", token, "GET", "/v2.1/servers/" + a, null).json().at("/server").has("tags")).isFalse();
            at("2.26", token, "GET", "/v2.1/servers/detail", null).valid("v2_26.servers", "list_servers_detail");
            at("2.26", token, "PUT", "/v2.1/servers/" + a, "{\"server\": {\"name\": \"tg2\"}}")
                    .valid("v2_26.servers", "update_server");

            // filters: a has red; b has red, blue
            assertThat(names(at("2.26", token, "GET", "/v2.1/servers?tags=red,blue", null))).containsExactly(b);
            assertThat(names(at("2.26", token, "GET", "/v2.1/servers?tags=red", null))).containsExactlyInAnyOrder(a, b);
            assertThat(names(at("2.26", token, "GET", "/v2.1/servers?tags-any=blue,nope", null))).containsExactly(b);
            assertThat(names(at("2.26", token, "GET", "/v2.1/servers?not-tags=red,blue", null))).containsExactly(a);
            assertThat(names(at("2.26", token, "GET", "/v2.1/servers?not-tags-any=blue", null))).containsExactly(a);
            assertThat(names(at("2.26", token, "GET", "/v2.1/servers/detail?tags=red&not-tags-any=blue", null)))
                    .containsExactly(a);
            assertThat(names(at("2.25", token, "GET", "/v2.1/servers?tags=blue", null))).as("ignored at 2.25")
                    .containsExactlyInAnyOrder(a, b);

            // another project sees no server; its policy is the owner's; a server in ERROR takes no change
            assertThat(at("2.26", member("other-" + p), "GET", tags, null).status()).isEqualTo(404);
            assertThat(at("2.26", ADMIN, "GET", tags, null).status()).isEqualTo(200);
            String broken = boot(agent, token, flavor, true);
            Reply refused = at("2.26", token, "PUT", "/v2.1/servers/" + broken + "/tags/x", null);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().at("/conflictingRequest/message").asString())
                    .isEqualTo("Cannot 'update tag' instance " + broken + " while it is in vm_state error");
            assertThat(at("2.26", token, "DELETE", "/v2.1/servers/" + broken + "/tags", null).status())
                    .isEqualTo(409);
            assertThat(at("2.26", token, "DELETE", tags, null).status()).isEqualTo(204);
            assertThat(at("2.26", token, "GET", tags, null).json().get("tags")).isEmpty();

            // 2.28: cpu_info as an object
            long hid = jdbc.queryForObject("SELECT id FROM compute_hosts WHERE host = ?", Long.class, agent.host);
            Reply h27 = at("2.27", ADMIN, "GET", "/v2.1/os-hypervisors/" + hid, null);
            assertThat(h27.json().at("/hypervisor/cpu_info").isString()).isTrue();
            Reply h28 = at("2.28", ADMIN, "GET", "/v2.1/os-hypervisors/" + hid, null)
                    .valid("v2_28.hypervisors", "get_hypervisor");
            assertThat(h28.json().at("/hypervisor/cpu_info").isObject()).isTrue();
            assertThat(h28.json().at("/hypervisor/cpu_info")).isEqualTo(JSON.readTree(h27.json()
                    .at("/hypervisor/cpu_info").asString()));
            at("2.28", ADMIN, "GET", "/v2.1/os-hypervisors/detail", null)
                    .valid("v2_28.hypervisors", "list_hypervisors_detail");
        }
    }
}
