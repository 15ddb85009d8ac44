package io.nubo.blockstorage.request;

import io.nubo.shared.api.Link;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Cinder's wire forms every resource shares: its timestamps and a resource's links. */
public final class Views {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private Views() {
    }

    /** {@code 2026-12-01T18:00:00.000000} (UTC, microseconds, no zone: Cinder's isoformat of a naive time). */
    public static String time(Instant t) {
        return t == null ? null : TIME.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    /** Cinder's links of a resource at {@code /v3/<project>/...}: self, and the bookmark without the version. */
    public static List<Link> links(String path) {
        return List.of(Link.self(Link.href(path)), new Link("bookmark", null, Link.href(path.replaceFirst("^/v3",
                ""))));
    }
}
