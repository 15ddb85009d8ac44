package io.nubo.computeagent.disk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code qemu-img}: what a file holds, overlays on a base, blank disks, conversions. */
public final class QemuImg {

    /** {@code qemu-img info}: the data's real format and the disk size a guest sees. */
    public record Info(String format, long virtualSize) {
    }

    private final JsonMapper json = new JsonMapper();

    public Info info(Path file) {
        return info(file, false);
    }

    /** {@code shared}: read a disk a running guest holds ({@code -U}, qemu's lock not taken). */
    public Info info(Path file, boolean shared) {
        List<String> cmd = new ArrayList<>(List.of("qemu-img", "info", "--output=json"));
        if (shared) {
            cmd.add("-U");
        }
        cmd.add(file.toString());
        String out = Tools.run("read disk " + file.getFileName(), cmd, 60);
        JsonNode n = json.readTree(out);
        return new Info(n.path("format").asString(), n.path("virtual-size").asLong());
    }

    /** A qcow2 overlay whose reads fall through to {@code base}, of {@code sizeBytes} (0: the base's size). */
    public void overlay(Path base, String baseFormat, Path overlay, long sizeBytes) {
        List<String> cmd = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", baseFormat, "-b",
                base.toString(), overlay.toString()));
        if (sizeBytes > 0) {
            cmd.add(Long.toString(sizeBytes));
        }
        Tools.run("create the root disk", cmd, 60);
    }

    /** Grows the disk a guest sees to {@code sizeBytes} ({@code qemu-img resize}; the guest must be off). */
    public void resize(Path file, long sizeBytes) {
        Tools.run("grow disk " + file.getFileName(), List.of("qemu-img", "resize", "-q", file.toString(),
                Long.toString(sizeBytes)), 60);
    }

    public void create(String format, Path file, long sizeBytes) {
        Tools.run("create disk " + file.getFileName(), List.of("qemu-img", "create", "-q", "-f", format,
                file.toString(), Long.toString(sizeBytes)), 60);
    }

    /**
     * Converts {@code source} to {@code format}; {@code shared} reads a disk a running guest holds (qemu's
     * {@code -U}), as a live snapshot needs.
     */
    public void convert(Path source, Path target, String format, boolean shared) {
        convert(source.toString(), target, format, shared);
    }

    /** {@link #convert(Path, Path, String, boolean)} from a disk qemu names: a file or {@code rbd:pool/image:...}. */
    public void convert(String source, Path target, String format, boolean shared) {
        List<String> cmd = new ArrayList<>(List.of("qemu-img", "convert", "-q"));
        if (shared) {
            cmd.add("-U");
        }
        cmd.addAll(List.of("-O", format, source, target.toString()));
        String name = source.startsWith("rbd:") ? source.split(":")[1] : Path.of(source).getFileName().toString();
        Tools.run("convert disk " + name, cmd, 3600);
    }

    /** Copies the first {@code bytes} bytes of the guest-visible data of {@code source} to {@code target} (raw). */
    public void head(Path source, String format, Path target, int bytes) {
        Tools.run("read the start of " + source.getFileName(), List.of("qemu-img", "dd", "-f", format, "-O", "raw",
                "bs=" + bytes, "count=1", "if=" + source, "of=" + target), 60);
    }
}
