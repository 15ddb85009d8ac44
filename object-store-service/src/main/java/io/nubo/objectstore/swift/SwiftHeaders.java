package io.nubo.objectstore.swift;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** How Swift spells times and metadata in headers and listings. */
public final class SwiftHeaders {

    private static final DateTimeFormatter LISTING = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private SwiftHeaders() {
    }

    /** {@code X-Timestamp}: seconds with five decimals. */
    public static String timestamp(Instant t) {
        return String.format(Locale.ROOT, "%d.%05d", t.getEpochSecond(), t.getNano() / 10_000);
    }

    /** Last-Modified is the timestamp rounded up to the second, as Swift does. */
    public static long lastModifiedSeconds(Instant t) {
        return t.getEpochSecond() + (t.getNano() > 0 ? 1 : 0);
    }

    public static String httpDate(long epochSeconds) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC));
    }

    /** An HTTP date in seconds, or null when it does not parse (then the condition is ignored, as in Swift). */
    public static Long parseHttpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static String listingTime(Instant t) {
        return LISTING.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    /** {@code x-container-meta-web-index} becomes {@code X-Container-Meta-Web-Index}. */
    public static String titleCase(String lower) {
        StringBuilder b = new StringBuilder(lower.length());
        boolean up = true;
        for (char c : lower.toCharArray()) {
            b.append(up ? Character.toUpperCase(c) : c);
            up = c == '-';
        }
        return b.toString();
    }
}
