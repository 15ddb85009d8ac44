package io.nubo.compute.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Nova's time formats: {@code 2013-02-07T18:40:59Z} in most bodies, microseconds without zone in a few. */
public final class WireTime {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private WireTime() {
    }

    public static String of(Instant t) {
        return t == null ? null : ISO.format(t);
    }

    /** {@code 2013-02-07T18:40:59.000000}: keypair show, launched_at, instance actions, usage. */
    public static String micros(Instant t) {
        return t == null ? null : MICROS.format(t.truncatedTo(ChronoUnit.MICROS));
    }
}
