package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks real responses against Tempest's JSON schemas ({@code tempest.lib.api_schema.response.compute}), with
 * Tempest's own validator, by running the installed Tempest's Python. Without Tempest (outside CI) the check is
 * skipped; under {@code CI=true} a missing Tempest fails.
 */
final class TempestSchemas {

    private static final String PYTHON = "/usr/bin/python3";
    private static Boolean available;

    private TempestSchemas() {
    }

    static synchronized boolean available() throws Exception {
        if (available == null) {
            Process p = new ProcessBuilder(PYTHON, "-c", "import tempest.lib.common.jsonschema_validator")
                    .redirectErrorStream(true).start();
            available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        return available;
    }

    /** Fails unless {@code body} with {@code status} is what Tempest's {@code module.schema} accepts. */
    static void assertValid(String module, String schema, int status, String body) throws Exception {
        if (!available()) {
            assertThat(System.getenv("CI")).as("Tempest is required under CI").isNotEqualTo("true");
            Assumptions.abort("Tempest is not installed (scripts/install-deps.sh --tempest)");
        }
        Path script = Files.createTempFile("tempest-schema", ".py");
        try (InputStream in = TempestSchemas.class.getResourceAsStream("/tempest_schema_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            Process p = new ProcessBuilder(PYTHON, script.toString(), module, schema, String.valueOf(status))
                    .redirectErrorStream(true).start();
            p.getOutputStream().write(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("Tempest schema %s.%s on %s %s:\n%s", module, schema, status, body, out)
                    .isZero();
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }
}
