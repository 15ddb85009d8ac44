package io.nubo.shared.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.nubo.shared.microversion.MicroversionFilter;
import io.nubo.shared.microversion.MicroversionSpec;
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
            .setControllerAdvice(new SchemaValidationAdvice(schemas, 4096),
                    new OpenStackExceptionHandler(new ErrorResponseWriter(new KeystoneErrorStyle())))
            .addInterceptors(new QueryValidationInterceptor(schemas))
            .addFilters(new MicroversionFilter(MicroversionSpec.of("test", null, "2.1", "2.20", "/widgets"),
                    new ErrorResponseWriter(new KeystoneErrorStyle())))
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
    void lengthsCountWhatTheDatabaseCounts() throws Exception {
        String emoji = "\uD83D\uDE00";
        assertThat(post("/widgets", "{\"widget\": {\"name\": \"" + emoji.repeat(32) + "\"}}").getStatus())
                .as("32 emoji are 64 UTF-16 units: fits a 64-character column").isEqualTo(200);
        assertThat(message(post("/widgets", "{\"widget\": {\"name\": \"" + emoji.repeat(33) + "\"}}")))
                .as("33 emoji are 33 code points but 66 units").startsWith("Invalid input for field 'widget.name'");
        SEEN.setLength(0);
        assertThat(post("/widgets", "{\"widget\": {\"name\": \"" + emoji + "\"}}").getStatus()).isEqualTo(200);
        assertThat(SEEN.toString()).as("the handler gets the original").isEqualTo(emoji);
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
    void aNumberBeyondTheLongRangeIsA400NotA500() throws Exception {
        // the validator reads an integer field's number as a long for minimum/maximum: Jackson 3 threw on 1e308
        for (String size : new String[] {"1e308", "-1.7976931348623157E308", "99999999999999999999999"}) {
            MockHttpServletResponse r = post("/widgets", "{\"widget\": {\"name\": \"w\", \"size\": " + size + "}}");
            assertThat(r.getStatus()).as(size).isEqualTo(400);
            assertThat(message(r)).as(size).startsWith("Invalid input for field 'widget.size'");
        }
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
    void aQueryStringThatIsNotUtf8IsA400() {
        assertThatThrownBy(() -> QueryValidationInterceptor.refuseInvalidUtf8("name=%C3%28"))
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> QueryValidationInterceptor.refuseInvalidUtf8("name=%zz")).hasMessageContaining("escape");
        QueryValidationInterceptor.refuseInvalidUtf8("name=caf%C3%A9&x=%2F");
        QueryValidationInterceptor.refuseInvalidUtf8(null);
    }

    @Test
    void aMissingSchemaFailsLoudly() {
        assertThatThrownBy(() -> schemas.preload(java.util.List.of("test/nope.json")))
                .hasMessageContaining("classpath:schemas/test/nope.json");
    }

}
