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
        int end = text.endsWith("\n") ? text.length() - 1 : text.length();
        int at = end;
        for (int n = 0; n < lines && at > 0; n++) {
            at = text.lastIndexOf('\n', at - 1);
            if (at < 0) {
                return text;
            }
        }
        return at <= 0 ? text : text.substring(at + 1);
    }
}
