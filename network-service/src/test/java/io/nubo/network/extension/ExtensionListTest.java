package io.nubo.network.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tempest is told exactly the extensions the service lists (conformance/run-tempest.sh). */
class ExtensionListTest {

    @Test
    void tempestsApiExtensionsAreTheServedOnes() throws Exception {
        String script = Files.readString(Path.of("..", "conformance", "run-tempest.sh"));
        String line = script.lines().filter(l -> l.startsWith("api_extensions = ")).findFirst().orElseThrow();
        List<String> told = List.of(line.substring("api_extensions = ".length()).split(","));
        assertThat(told).containsExactlyInAnyOrderElementsOf(ExtensionController.aliases());
    }
}
