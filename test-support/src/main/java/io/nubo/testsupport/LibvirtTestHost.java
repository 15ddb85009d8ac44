package io.nubo.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A libvirtd that answers at {@code qemu:///system} and Nubo's tiny test guest ({@code scripts/build-test-guest.sh}),
 * for the compute agent's real-guest tests. {@link #require} starts libvirtd and virtlogd when they are installed but
 * not running ({@code scripts/libvirt-start.sh}), builds the guest when missing, and skips the calling test class,
 * saying why, only when libvirt is not installed ({@code scripts/install-deps.sh --libvirt}); with {@code CI=true}
 * that is a failure instead.
 */
public final class LibvirtTestHost {

    public static final String URI = "qemu:///system";

    private LibvirtTestHost() {
    }

    /** The directory of the built test guest ({@code vmlinuz}, {@code initrd.img}, {@code test-guest.iso/.qcow2}). */
    public static Path require() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/libvirtd"))
                && Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"));
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("libvirt is not installed although CI=true (scripts/install-deps.sh --libvirt)");
        }
        Assumptions.assumeTrue(installed,
                "libvirt is not installed (scripts/install-deps.sh --libvirt): the real-guest tests are skipped");
        run(script("libvirt-start.sh").toString());
        Process build = new ProcessBuilder(script("build-test-guest.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String dir = new String(build.getInputStream().readAllBytes()).trim();
        if (!build.waitFor(300, TimeUnit.SECONDS) || build.exitValue() != 0) {
            throw new IllegalStateException("scripts/build-test-guest.sh failed");
        }
        return Path.of(dir);
    }

    private static void run(String command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: libvirtd does not answer at " + URI);
        }
    }

    public static Path script(String name) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts").resolve(name))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("scripts/" + name + " not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("scripts").resolve(name);
    }
}
