package io.nubo.blockstorage.backend;

import java.io.IOException;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code qemu-img} commands the drivers use, each a child process with its arguments as a list (no shell) and
 * its error output kept for the exception. Formats are always named ({@code -f}), never probed.
 */
public final class QemuImg {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long TIMEOUT_MINUTES = 60;

    private QemuImg() {
    }

    public static void create(Path file, String format, long sizeBytes) throws IOException {
        run("qemu-img", "create", "-q", "-f", format, file.toString(), Long.toString(sizeBytes));
    }

    /** Grows the image; {@code qemu-img resize} refuses to shrink without --shrink, which is never given. */
    public static void resize(Path file, String format, long sizeBytes) throws IOException {
        run("qemu-img", "resize", "-q", "-f", format, file.toString(), Long.toString(sizeBytes));
    }

    /**
     * Converts {@code source} (a file, or a qemu URI such as {@code iscsi://...}) to a new {@code target} file,
     * keeping zeros sparse. {@code -U} reads a source that a running guest holds open (a snapshot of an in-use
     * volume, as Cinder's {@code force}).
     */
    public static void convert(String source, String sourceFormat, Path target, String targetFormat)
            throws IOException {
        run("qemu-img", "convert", "-q", "-U", "-f", sourceFormat, "-O", targetFormat, source, target.toString());
    }

    /** The virtual size in bytes of an image in a known format. */
    public static long virtualSize(String source, String format) throws IOException {
        JsonNode info = JSON.readTree(run("qemu-img", "info", "-U", "--output=json", "-f", format, source));
        return info.get("virtual-size").asLong();
    }

    private static String run(String... command) throws IOException {
        return ChildProcess.run(String.join(" ", command), TIMEOUT_MINUTES, command);
    }
}
