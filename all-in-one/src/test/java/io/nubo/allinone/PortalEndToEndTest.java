package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.LibvirtTestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The self-service portal in a real browser against a real cloud: headless Chromium (Debian's, driven by
 * playwright-core from the portal's node_modules) runs {@code portal/e2e/portal.e2e.mjs} against the gateway of
 * a cloud started here, with a real guest under {@code qemu:///system}. The script logs in (after a wrong
 * password), launches an instance and watches it become ACTIVE, reads its console, uploads an object and an
 * image with progress, logs out, and checks that a member of another project sees none of it; this test fails
 * on its exit code, with its output in the message. {@code -Dnubo.portal.screenshots=DIR} keeps a screenshot of
 * each page there (how docs/portal/ was made). {@link PortalNetworksAdminEndToEndTest} runs the second script on a
 * cloud started the same way ({@link #startCloud}, {@link #runScript}).
 */
@Tag("integration")
class PortalEndToEndTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path NODE = Path.of("/usr/bin/node");
    static NuboCloud cloud;
    static Path clouds;
    static Path portal;

    @BeforeAll
    static void start() throws Exception {
        Path guest = LibvirtTestHost.require();
        startCloud();
        openstack("image", "create", "--public", "--disk-format", "qcow2", "--container-format", "bare",
                "--file", guest.resolve("test-guest.qcow2").toString(), "portal-guest");
    }

    /** A whole cloud (free port base, a 755 temp home), projects portal-a and portal-b with a member each
     * (portal-alice, portal-bob; password {@code secret-<user>}), the 128 MiB flavor portal-tiny, and this machine
     * registered as a compute host. */
    static void startCloud() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium (scripts/install-deps.sh --portal installs it)").exists();
        assertThat(NODE).as("node (scripts/install-deps.sh --portal installs it)").exists();
        portal = Path.of("").toAbsolutePath().resolveSibling("portal");
        assertThat(portal.resolve("node_modules/playwright-core")).as("the portal module's npm ci ran").exists();
        // 755, not the 700 of a temp directory: libvirt's qemu user opens the file volumes attached under it
        Path home = Files.createTempDirectory("nubo-e2e-portal",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        cloud = NuboCloud.start(new LaunchOptions(home, OpenStackCliEndToEndTest.freePortBase(), null));
        clouds = cloud.writeCloudsYaml();
        for (String[] u : new String[][] {{"portal-a", "portal-alice"}, {"portal-b", "portal-bob"}}) {
            openstack("project", "create", u[0]);
            openstack("user", "create", "--project", u[0], "--password", "secret-" + u[1], u[1]);
            openstack("role", "add", "--project", u[0], "--user", u[1], "member");
        }
        openstack("flavor", "create", "--vcpus", "1", "--ram", "128", "--disk", "1", "portal-tiny");
        OpenStackCli.awaitComputeHost(clouds);
    }

    static String openstack(String... args) throws Exception {
        return OpenStackCli.openstack(clouds, args);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cloud == null) {
            return;
        }
        try {
            // whatever the script left (it deletes its instances itself when it gets that far), in one command
            List<String> delete = new ArrayList<>(List.of("server", "delete", "--wait"));
            for (String id : openstack("server", "list", "--all-projects", "--limit", "-1", "-f", "value", "-c", "ID")
                    .split("\\s+")) {
                if (!id.isBlank()) {
                    delete.add(id);
                }
            }
            if (delete.size() > 3) {
                openstack(delete.toArray(String[]::new));
            }
        } finally {
            cloud.close();
            cloud.removeInstancesDirectory();
        }
    }

    @Test
    void aTenantDoesItsWorkInTheBrowserAndAnotherProjectSeesNoneOfIt() throws Exception {
        String log = runScript("e2e/portal.e2e.mjs", Map.of("NUBO_IMAGE", "portal-guest", "NUBO_FLAVOR", "portal-tiny"));
        assertThat(log).contains("portal e2e: all steps passed");
    }

    /** Runs one of the portal's browser scripts with node against the cloud (the users above, and {@code env});
     * fails on its exit code, with its output in the message; returns that output. */
    static String runScript(String script, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile("nubo-portal-e2e", ".log");
        ProcessBuilder pb = new ProcessBuilder(NODE.toString(), script).directory(portal.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("NUBO_URL", cloud.options().publicUrl());
        pb.environment().put("NUBO_USER", "portal-alice");
        pb.environment().put("NUBO_PASSWORD", "secret-portal-alice");
        pb.environment().put("NUBO_PROJECT", "portal-a");
        pb.environment().put("NUBO_OTHER_USER", "portal-bob");
        pb.environment().put("NUBO_OTHER_PASSWORD", "secret-portal-bob");
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        pb.environment().putAll(env);
        String shots = System.getProperty("nubo.portal.screenshots", System.getenv("NUBO_PORTAL_SCREENSHOTS"));
        if (shots != null && !shots.isBlank()) {
            pb.environment().put("NUBO_SCREENSHOTS", Path.of(shots).toAbsolutePath().toString());
        }
        Process p = pb.start();
        boolean ended = p.waitFor(25, TimeUnit.MINUTES);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String log = Files.readString(out);
        Files.delete(out);
        System.out.println(log);
        assertThat(ended).as("the browser test ended within 25 min:%n%s", log).isTrue();
        assertThat(p.exitValue()).as("portal/%s:%n%s", script, log).isZero();
        return log;
    }
}
