package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.InputStream;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden response samples per microversion, as Nova keeps its {@code api_samples}: JSON files under
 * {@code api-samples/v2.X/} whose variable values are placeholders ({@code "%(uuid)s"}, {@code "%(isotime)s"},
 * {@code "%(text)s"}: any string, {@code "%(int)s"}, {@code "%(any)s"}: any value, null included). A real response
 * matches when it has exactly the sample's keys at every level, the placeholders' kinds and every literal value; a
 * one-element sample array is the shape of each element (a real array may not be empty then), {@code []} means empty.
 */
final class GoldenSamples {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PLACEHOLDER = Pattern.compile("^%\\((\\w+)\\)s$");
    private static final Map<String, Pattern> KINDS = Map.of(
            "uuid", Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
            "isotime", Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)?$"),
            "text", Pattern.compile("(?s).*"),
            "hex", Pattern.compile("^[0-9a-f]*$"),
            "fingerprint", Pattern.compile("^([0-9a-f]{2}:)+[0-9a-f]{2}$"));

    private GoldenSamples() {
    }

    /** Fails unless {@code body} matches the sample {@code api-samples/<version>/<name>.json}. */
    static void assertMatches(String version, String name, String body) throws Exception {
        String resource = "/api-samples/v" + version + "/" + name + ".json";
        JsonNode sample;
        try (InputStream in = GoldenSamples.class.getResourceAsStream(resource)) {
            assertThat(in).as("golden sample %s", resource).isNotNull();
            sample = JSON.readTree(in);
        }
        match(sample, JSON.readTree(body), "$", resource);
    }

    private static void match(JsonNode sample, JsonNode actual, String path, String resource) {
        if (sample.isString()) {
            Matcher m = PLACEHOLDER.matcher(sample.asString());
            if (m.matches()) {
                placeholder(m.group(1), actual, path, resource);
                return;
            }
        }
        if (sample.isObject()) {
            assertThat(actual.isObject()).as("%s %s is an object in %s", resource, path, actual).isTrue();
            assertThat(new TreeSet<>(actual.propertyNames())).as("%s: the keys of %s", resource, path)
                    .isEqualTo(new TreeSet<>(sample.propertyNames()));
            for (String k : sample.propertyNames()) {
                match(sample.get(k), actual.get(k), path + "." + k, resource);
            }
        } else if (sample.isArray()) {
            assertThat(actual.isArray()).as("%s %s is an array", resource, path).isTrue();
            if (sample.isEmpty()) {
                assertThat(actual.isEmpty()).as("%s %s is empty", resource, path).isTrue();
                return;
            }
            assertThat(actual.isEmpty()).as("%s %s has elements", resource, path).isFalse();
            for (int i = 0; i < actual.size(); i++) {
                match(sample.get(Math.min(i, sample.size() - 1)), actual.get(i), path + "[" + i + "]", resource);
            }
        } else {
            assertThat(actual).as("%s %s", resource, path).isEqualTo(sample);
        }
    }

    private static void placeholder(String kind, JsonNode actual, String path, String resource) {
        switch (kind) {
            case "any" -> assertThat(actual).as("%s %s is present", resource, path).isNotNull();
            case "int" -> assertThat(actual.isIntegralNumber()).as("%s %s is an integer: %s", resource, path, actual)
                    .isTrue();
            case "bool" -> assertThat(actual.isBoolean()).as("%s %s is a boolean: %s", resource, path, actual)
                    .isTrue();
            default -> {
                Pattern p = KINDS.get(kind);
                if (p == null) {
                    fail("%s: unknown placeholder %%(%s)s at %s", resource, kind, path);
                }
                assertThat(actual.isString()).as("%s %s is a string: %s", resource, path, actual).isTrue();
                assertThat(actual.asString()).as("%s %s is a %s", resource, path, kind).matches(p);
            }
        }
    }
}
