package io.nubo.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the test guest's ticks ({@code NUBO-TEST-GUEST: tick N uptime=U}, a line a second with {@code nubo.tick})
 * in the console logs of both hosts, every 50 ms, noting for each tick where and when it was first seen (the live
 * migration tests of the agent and of the whole cloud).
 */
public final class ConsoleTicks implements AutoCloseable {

    private static final Pattern TICK = Pattern.compile("NUBO-TEST-GUEST: tick (\\d+) uptime=([0-9.]+)");

    /** One tick: the log it first showed up in (0-based index of {@code logs}), when, and the guest's uptime. */
    public record Tick(int number, int log, long seenAtNanos, double uptime) {
    }

    private final List<Path> logs;
    private final Map<Integer, Tick> ticks = new ConcurrentSkipListMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    public ConsoleTicks(List<Path> logs) {
        this.logs = List.copyOf(logs);
        poller = new Thread(() -> {
            while (running) {
                poll();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "console-ticks");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        long now = System.nanoTime();
        for (int i = 0; i < logs.size(); i++) {
            String text;
            try {
                text = Files.exists(logs.get(i)) ? Files.readString(logs.get(i)) : "";
            } catch (IOException e) {
                continue;
            }
            Matcher m = TICK.matcher(text);
            while (m.find()) {
                int n = Integer.parseInt(m.group(1));
                int log = i;
                ticks.computeIfAbsent(n, k -> new Tick(k, log, now, Double.parseDouble(m.group(2))));
            }
        }
    }

    public Map<Integer, Tick> ticks() {
        poll();
        return new TreeMap<>(ticks);
    }

    public int last() {
        Map<Integer, Tick> t = ticks();
        return t.isEmpty() ? 0 : ((TreeMap<Integer, Tick>) t).lastKey();
    }

    /** The last tick that showed up in log {@code log}, or null. */
    public Tick lastIn(int log) {
        return ticks().values().stream().filter(t -> t.log() == log).reduce((a, b) -> b).orElse(null);
    }

    public Tick firstIn(int log) {
        return ticks().values().stream().filter(t -> t.log() == log).findFirst().orElse(null);
    }

    public void awaitTick(int atLeast, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (last() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the guest did not reach tick " + atLeast + " within " + timeout
                        + " (last " + last() + ")");
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(2000);
    }
}
