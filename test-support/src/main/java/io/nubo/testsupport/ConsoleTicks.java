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

    /**
     * Where the guest went from the first log to the second: the last tick seen in the first and the first in the
     * second (null when it has not moved).
     */
    public record Move(Tick lastBefore, Tick firstAfter) {

        /** The guest's own clock between the two ticks (a tick a second: about 1 s when nothing paused it). */
        public double guestGapSeconds() {
            return firstAfter.uptime() - lastBefore.uptime();
        }

        /** The same gap as seen from outside, polling the logs every 50 ms. */
        public long seenGapMillis() {
            return (firstAfter.seenAtNanos() - lastBefore.seenAtNanos()) / 1_000_000;
        }
    }

    /**
     * The move from log 0 to log 1 of a guest that never stopped counting: every tick from the first to the last,
     * in order, the first tick in log 1 right after the last in log 0; an {@link AssertionError} otherwise.
     */
    public Move movedWithEveryTick() {
        TreeMap<Integer, Tick> all = new TreeMap<>(ticks());
        if (all.isEmpty() || all.lastKey() - all.firstKey() + 1 != all.size()) {
            throw new AssertionError("ticks missing between " + (all.isEmpty() ? "-" : all.firstKey()) + " and "
                    + (all.isEmpty() ? "-" : all.lastKey()) + ": " + all.keySet());
        }
        Tick before = lastIn(0);
        Tick after = firstIn(1);
        if (before == null || after == null || after.number() != before.number() + 1) {
            throw new AssertionError("the ticks did not go on from log 0 to log 1: last in 0 " + before
                    + ", first in 1 " + after);
        }
        return new Move(before, after);
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
