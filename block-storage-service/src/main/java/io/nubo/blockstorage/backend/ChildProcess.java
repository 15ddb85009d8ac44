package io.nubo.blockstorage.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one command (arguments as a list, no shell) and returns its output, or throws with its error output. */
final class ChildProcess {

    private ChildProcess() {
    }

    /**
     * @param shownAs what an exception names the command as: never the secrets among its arguments (CHAP passwords)
     */
    static String run(String shownAs, long timeoutMinutes, String... command) throws IOException {
        Process p = new ProcessBuilder(List.of(command)).start();
        p.getOutputStream().close();
        byte[] out;
        byte[] err;
        try (var stdout = p.getInputStream(); var stderr = p.getErrorStream()) {
            // the tools used write little to stderr, so reading it after stdout ends cannot block the child
            out = stdout.readAllBytes();
            err = stderr.readAllBytes();
        }
        try {
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(shownAs + ": no answer within " + timeoutMinutes + " min");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + shownAs, e);
        }
        if (p.exitValue() != 0) {
            throw new CommandFailedException(shownAs + " failed (" + p.exitValue() + "): "
                    + new String(err, StandardCharsets.UTF_8).trim() + new String(out, StandardCharsets.UTF_8).trim(),
                    p.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** A command that ran and exited non-zero. */
    static final class CommandFailedException extends IOException {
        private final int exitCode;

        CommandFailedException(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }
}
