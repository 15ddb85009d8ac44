package io.nubo.shared.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.nubo.shared.web.ErrorResponseWriter;
import io.nubo.shared.web.KeystoneErrorStyle;
import io.nubo.shared.web.OpenStackExceptionHandler;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

class RequestValidationTest {

    /** What the handler saw: the test asserts it never runs for a refused body. */
    static final StringBuilder SEEN = new StringBuilder();

    record Widget(String name, Object size) {
    }

    record WidgetBody(Widget widget) {
    }

    @RestController
    static class Widgets {
        @PostMapping("/widgets")
        @ValidatedBody(value = "test/widget-create.json", until = "2.9")
        @ValidatedBody(value = "test/widget-create-v2.json", since = "2.10")
        String create(@RequestBody WidgetBody body) {
            SEEN.append(body.widget().name());
            return "created " + body.widget().name();
        }

        @PostMapping("/free")
        String free(@RequestBody Map<String, Object> body) {
            SEEN.append("free");
            return "ok";
        }

        @GetMapping("/widgets")
        @ValidatedQuery("test/widget-list-query.json")
        String list() {
            return "list";
        }
    }

    final RequestSchemas schemas = new RequestSchemas();
    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Widgets())
            .setControllerAdvice(new SchemaValidationAdvice(schemas, RequestedMicroversion.FROM_HEADER, 4096),
                    new OpenStackExceptionHandler(new ErrorResponseWriter(new KeystoneErrorStyle())))
            .addInterceptors(new QueryValidationInterceptor(schemas))
            .build();

    MockHttpServletResponse post(String path, byte[] body, String... headers) throws Exception {
        var b = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_JSON).content(body);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return mvc.perform(b).andReturn().getResponse();
    }

    MockHttpServletResponse post(String path, String body, String... headers) throws Exception {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    String message(MockHttpServletResponse r) throws Exception {
        return JsonMapper.builder().build().readTree(r.getContentAsString()).get("error").get("message").asString();
    }

    @Test
    void aValidBodyReachesTheHandlerUnchanged() throws Exception {
        MockHttpServletResponse r = post("/widgets", "{\"widget\": {\"name\": \"w1\", \"size\": 3, \"tags\": [\"a\"]}}");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentAsString()).isEqualTo("created w1");
    }

    @Test
    void anOverLongFieldIsA400NamingTheFieldAndTheHandlerNeverRuns() throws Exception {
        SEEN.setLength(0);
        MockHttpServletResponse r = post("/widgets", "{\"widget\": {\"name\": \"" + "n".repeat(65) + "\"}}");
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(message(r)).startsWith("Invalid input for field 'widget.name': ").contains("65 characters");
        assertThat(SEEN).isEmpty();
    }

    @Test
    void typesAreStrict() throws Exception {
        assertThat(message(post("/widgets", "{\"widget\": {\"name\": 123}}")))
                .startsWith("Invalid input for field 'widget.name'");
        assertThat(message(post("/widgets", "{\"widget\": {\"name\": \"w\", \"enabled\": 0}}")))
                .startsWith("Invalid input for field 'widget.enabled'");
        assertThat(message(post("/widgets", "{\"widget\": {\"name\": \"w\", \"tags\": [\"a\", 2]}}")))
                .startsWith("Invalid input for field 'widget.tags[1]'");
        assertThat(message(post("/widgets", "{\"widget\": {\"name\": \"w\", \"size\": \"3\"}}")))
                .startsWith("Invalid input for field 'widget.size'");
    }

    @Test
    void missingAndUnknownFieldsAreNamed() throws Exception {
        assertThat(message(post("/widgets", "{\"widget\": {}}"))).startsWith("Invalid input for field 'widget.name'");
        assertThat(message(post("/widgets", "{}"))).startsWith("Invalid input for field 'widget'");
        assertThat(message(post("/widgets", "{\"widget\": {\"name\": \"w\", \"id\": \"x\"}}")))
                .startsWith("Invalid input for field 'widget'").contains("id");
        assertThat(post("/widgets", "[]").getStatus()).isEqualTo(400);
    }

    @Test
    void theSchemaFollowsTheMicroversion() throws Exception {
        assertThat(post("/widgets", "{\"widget\": {\"name\": \"w\"}}", "OpenStack-API-Version", "test 2.9")
                .getStatus()).isEqualTo(200);
        MockHttpServletResponse v10 = post("/widgets", "{\"widget\": {\"name\": \"w\"}}",
                "OpenStack-API-Version", "test 2.10");
        assertThat(v10.getStatus()).isEqualTo(400);
        assertThat(message(v10)).startsWith("Invalid input for field 'widget.colour'");
        assertThat(post("/widgets", "{\"widget\": {\"name\": \"w\", \"colour\": \"red\"}}",
                "OpenStack-API-Version", "test 2.10").getStatus()).isEqualTo(200);
    }

    @Test
    void invalidUtf8NulAndMalformedJsonAreRefusedInEveryJsonBody() throws Exception {
        byte[] bad = "{\"a\": \"x?\"}".getBytes(StandardCharsets.UTF_8);
        bad[8] = (byte) 0xC3; // a lead byte followed by '"': not UTF-8
        SEEN.setLength(0);
        MockHttpServletResponse utf8 = post("/free", bad);
        assertThat(utf8.getStatus()).isEqualTo(400);
        assertThat(message(utf8)).contains("UTF-8");
        MockHttpServletResponse nul = post("/free", "{\"a\": {\"b\": \"x\\u0000y\"}}");
        assertThat(nul.getStatus()).isEqualTo(400);
        assertThat(message(nul)).isEqualTo("Invalid input for field 'a.b': NUL characters are not allowed");
        assertThat(post("/free", "{\"a\": ").getStatus()).isEqualTo(400);
        assertThat(SEEN).isEmpty();
        assertThat(post("/free", "{\"a\": \"é\"}").getStatus()).isEqualTo(200);
    }

    @Test
    void anOverLargeBodyIsA413() throws Exception {
        assertThat(post("/free", "{\"a\": \"" + "x".repeat(5000) + "\"}").getStatus()).isEqualTo(413);
    }

    @Test
    void queryParametersAreValidatedToo() throws Exception {
        assertThat(mvc.perform(get("/widgets?limit=5&name=a")).andReturn().getResponse().getStatus()).isEqualTo(200);
        MockHttpServletResponse limit = mvc.perform(get("/widgets?limit=-1")).andReturn().getResponse();
        assertThat(limit.getStatus()).isEqualTo(400);
        assertThat(message(limit)).startsWith("Invalid input for field 'limit'");
        assertThat(mvc.perform(get("/widgets?sort=x")).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(get("/widgets?limit=1&limit=2")).andReturn().getResponse().getStatus())
                .as("a repeated parameter is an array, which the schema refuses").isEqualTo(400);
    }

    @Test
    void aMissingSchemaFailsLoudly() {
        assertThatThrownBy(() -> schemas.preload(java.util.List.of("test/nope.json")))
                .hasMessageContaining("classpath:schemas/test/nope.json");
    }

    @Test
    void microversionsCompareByNumber() {
        assertThat(Microversion.parse("2.10")).isGreaterThan(Microversion.parse("2.9"));
        assertThat(Microversion.parse("2.10").within("2.1", "2.10")).isTrue();
        assertThat(Microversion.parse("2.11").within("2.1", "2.10")).isFalse();
        assertThatThrownBy(() -> Microversion.parse("latest")).isInstanceOf(IllegalArgumentException.class);
    }
}
