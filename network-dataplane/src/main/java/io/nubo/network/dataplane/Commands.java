package io.nubo.network.dataplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the host's network tools (ip, dnsmasq) without a shell, so no argument is ever interpreted. */
final class Commands {

    record Result(int exit, String output) {
    }

    private Commands() {
    }

    static Result run(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new DataPlaneException(String.join(" ", command) + ": no answer in 30 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new DataPlaneException(String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataPlaneException(String.join(" ", command) + ": interrupted");
        }
    }

    /** Runs and fails unless the command succeeds. */
    static String check(String... command) {
        Result r = run(List.of(command));
        if (r.exit() != 0) {
            throw new DataPlaneException(String.join(" ", command) + " failed (" + r.exit() + "): " + r.output());
        }
        return r.output();
    }

    /**
     * Loads an nftables ruleset with one {@code nft -f} (one transaction: all of it applies, or none), run after the
     * given prefix (e.g. {@code ip netns exec NS}) when there is one.
     */
    static void nftLoad(String ruleset, String... prefix) {
        java.nio.file.Path file = null;
        try {
            file = java.nio.file.Files.createTempFile("nubo-nft", ".nft");
            java.nio.file.Files.writeString(file, ruleset);
            List<String> cmd = new java.util.ArrayList<>(List.of(prefix));
            cmd.addAll(List.of("nft", "-f", file.toString()));
            check(cmd.toArray(String[]::new));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** Runs and reports whether it succeeded (for "does it exist" probes and best-effort clean-up). */
    static boolean ok(String... command) {
        return run(List.of(command)).exit() == 0;
    }
}
