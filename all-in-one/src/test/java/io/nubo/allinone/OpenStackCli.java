package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code openstack} CLI (Debian's python3-openstackclient), run with a clouds.yaml of the test's own. */
final class OpenStackCli {

    static final Path CLI = Path.of("/usr/bin/openstack");

    private OpenStackCli() {
    }

    /** What one CLI run printed and how it ended. */
    record Result(int exit, String out, String err) {
    }

    /** Runs the CLI; its standard output (what {@code -f json} prints), its error output in the failure message. */
    static String openstack(Path config, String... args) throws Exception {
        Result r = run(config, args);
        assertThat(r.exit()).as("openstack %s:%n%s%s", String.join(" ", args), r.out(), r.err()).isZero();
        assertThat(r.err()).as("openstack %s", String.join(" ", args)).doesNotContain("Error");
        return r.out();
    }

    /** Runs the CLI with {@code config} as its clouds.yaml and cloud {@code nubo}, whatever its exit. */
    static Result run(Path config, String... args) throws Exception {
        assertThat(CLI).as("the openstack CLI (scripts/install-deps.sh installs python3-openstackclient)").exists();
        List<String> cmd = new ArrayList<>(List.of(CLI.toString(), "--os-cloud", "nubo"));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("nubo-cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.environment().put("OS_CLIENT_CONFIG_FILE", config.toString());
        pb.environment().remove("OS_CLOUD");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        String errors = Files.readString(err);
        Files.delete(err);
        return new Result(p.exitValue(), out, errors);
    }

    /** The agent registers its host a few seconds after the cloud is up (it probes KVM first). */
    static void awaitComputeHost(Path adminConfig) throws Exception {
        for (int i = 0; i < 120; i++) {
            if (openstack(adminConfig, "hypervisor", "list", "-f", "value", "-c", "State").contains("up")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no compute host registered within 120 s");
    }
}
