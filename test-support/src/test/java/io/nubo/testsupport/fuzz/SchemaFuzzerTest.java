package io.nubo.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.shared.validation.RequestSchemas;
import io.nubo.shared.validation.RequestValidationException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SchemaFuzzerTest {

    final RequestSchemas schemas = new RequestSchemas();
    final SchemaFuzzer fuzzer = new SchemaFuzzer(schemas, 1);

    @Test
    void theValidBodyNamesEveryPropertyAndSatisfiesTheSchema() {
        JsonNode body = fuzzer.validBody("fuzz/thing-create.json");
        schemas.validate("fuzz/thing-create.json", body);
        assertThat(body.get("thing").propertyNames()).containsExactlyInAnyOrder("name", "owner_id", "count", "kind",
                "tags", "expires_at");
        assertThat(body.get("thing").get("owner_id").asString()).as("from the referenced file's examples")
                .isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(body.get("thing").get("count").asInt()).isEqualTo(2);
    }

    @Test
    void theBrokenVariantsBreakOneFieldAtATimeAndTheSchemaRefusesThem() {
        List<SchemaFuzzer.Case> cases = fuzzer.cases("fuzz/thing-create.json", 50);
        assertThat(cases.size()).isGreaterThan(250);
        assertThat(cases).extracting(SchemaFuzzer.Case::description).contains("/thing/name: 256 characters",
                "/thing: an unknown member", "/thing: without 'owner_id'", "/thing/tags: its first item 3000 times",
                "/thing/count: a string");
        SchemaFuzzer.Case utf8 = cases.stream().filter(c -> c.description().equals("/thing/name: invalid UTF-8"))
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8.body())))
                .isInstanceOf(CharacterCodingException.class);
        for (String broken : List.of("/thing/name: 256 characters", "/thing/count: a string",
                "/thing: an unknown member", "/thing/owner_id: a path traversal", "/thing/expires_at: a date far away")) {
            SchemaFuzzer.Case c = cases.stream().filter(x -> x.description().equals(broken)).findFirst().orElseThrow();
            assertThatThrownBy(() -> schemas.validate("fuzz/thing-create.json", SchemaFuzzer.JSON.readTree(c.body())))
                    .as(broken).isInstanceOf(RequestValidationException.class);
        }
    }

    @Test
    void theSameSeedGivesTheSameCases() {
        List<String> a = new SchemaFuzzer(schemas, 7).cases("fuzz/thing-create.json", 20).stream()
                .map(SchemaFuzzer.Case::description).toList();
        List<String> b = new SchemaFuzzer(schemas, 7).cases("fuzz/thing-create.json", 20).stream()
                .map(SchemaFuzzer.Case::description).toList();
        assertThat(a).isEqualTo(b);
    }
}
