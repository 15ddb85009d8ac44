package io.nubo.computeagent.command;

import io.nubo.computeagent.disk.InstanceStorage;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.ConsoleOutput;
import io.nubo.shared.events.compute.ConsoleOutputRequested;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** os-getConsoleOutput: the tail of the serial console log, at most 100 KiB, the last {@code length} lines. */
public final class ConsoleOutputHandler implements CommandHandler<ConsoleOutputRequested> {

    static final int MAX_BYTES = 100 * 1024;

    private final InstanceStorage storage;
    private final Reports reports;

    public ConsoleOutputHandler(InstanceStorage storage, Reports reports) {
        this.storage = storage;
        this.reports = reports;
    }

    @Override
    public Class<ConsoleOutputRequested> command() {
        return ConsoleOutputRequested.class;
    }

    @Override
    public String operation(ConsoleOutputRequested command) {
        return "console_output";
    }

    @Override
    public AgentReport handle(ConsoleOutputRequested c) {
        Path log = storage.consoleLog(c.instanceId());
        if (!Files.exists(storage.dir(c.instanceId()))) {
            return new ConsoleOutput(c.instanceId(), reports.host(), c.actionId(), null,
                    "instance " + c.instanceId() + " has no console on this host");
        }
        return new ConsoleOutput(c.instanceId(), reports.host(), c.actionId(), tail(log, c.length()), null);
    }

    static String tail(Path log, int lines) {
        if (!Files.exists(log)) {
            return "";
        }
        byte[] data;
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, f.length() - MAX_BYTES);
            f.seek(start);
            data = new byte[(int) (f.length() - start)];
            f.readFully(data);
        } catch (IOException e) {
            throw new io.nubo.computeagent.disk.DiskException("cannot read the console log: " + e.getMessage(), e);
        }
        String text = new String(data, StandardCharsets.UTF_8);
        if (lines <= 0) {
            return text;
        }
        // Nova's tail: the last `lines` pieces of the log split at newlines, joined again; a log that ends with a
        // newline has an empty last piece, so Tempest's len(output.split('\n')) is exactly `lines`
        String[] pieces = text.split("\n", -1);
        if (pieces.length <= lines) {
            return text;
        }
        return String.join("\n", java.util.Arrays.asList(pieces).subList(pieces.length - lines, pieces.length));
    }
}
