package io.nubo.image.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.image.web.ImageException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Glance's two JSON-Patch dialects, parsed without Spring. */
class ImagePatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<ImagePatch.Operation> parse(String body) {
        return ImagePatch.parse(JSON.readTree(body));
    }

    private static String failure(String body) {
        try {
            parse(body);
        } catch (ImageException e) {
            return e.status().value() + " " + e.getMessage();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void readsTheRfc6902AndTheOlderGlanceDialect() {
        List<ImagePatch.Operation> ops = parse("[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"n\"},"
                + " {\"add\": \"/os_distro\", \"value\": \"debian\"}, {\"remove\": \"/color\"}]");
        assertThat(ops).extracting(ImagePatch.Operation::op).containsExactly("replace", "add", "remove");
        assertThat(ops).extracting(ImagePatch.Operation::attribute).containsExactly("name", "os_distro", "color");
        assertThat(ops.get(0).value().stringValue()).isEqualTo("n");
        assertThat(ops.get(2).value()).isNull();
    }

    @Test
    void pointerEscapesAreDecodedAndLocationPathsKeepTheirIndex() {
        assertThat(parse("[{\"op\": \"add\", \"path\": \"/a~1b~0c\", \"value\": 1}]").get(0).attribute())
                .isEqualTo("a/b~c");
        ImagePatch.Operation loc = parse("[{\"op\": \"add\", \"path\": \"/locations/-\", \"value\": {}}]").get(0);
        assertThat(loc.attribute()).isEqualTo("locations");
        assertThat(loc.index()).isEqualTo("-");
        assertThat(loc.onLocations()).isTrue();
        assertThat(parse("[{\"op\": \"remove\", \"path\": \"/locations/1\"}]").get(0).index()).isEqualTo("1");
    }

    @Test
    void malformedPatchesAreA400WithGlancesMessage() {
        assertThat(failure("{\"op\": \"add\"}")).startsWith("400 Request body must be a JSON array");
        assertThat(failure("[1]")).startsWith("400 Operations must be JSON objects");
        assertThat(failure("[{\"op\": \"move\", \"path\": \"/a\"}]")).contains("exactly one member named");
        assertThat(failure("[{\"op\": \"add\", \"value\": 1}]")).contains("Unable to find 'path'");
        assertThat(failure("[{\"op\": \"add\", \"path\": \"name\", \"value\": 1}]")).contains("does not start with");
        assertThat(failure("[{\"op\": \"add\", \"path\": \"/a/b\", \"value\": 1}]")).contains("Nested paths");
        assertThat(failure("[{\"op\": \"add\", \"path\": \"/a\"}]")).contains("requires a member named \"value\"");
        assertThatThrownBy(() -> parse("[{\"op\": \"add\", \"path\": \"/locations/1/url\", \"value\": 1}]"))
                .hasMessageContaining("Nested paths");
    }
}
