package io.nubo.metering.report;

import io.nubo.metering.error.MeteringError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The times CloudKitty's API reads and writes: ISO 8601, naive meaning UTC, and the month as default period. */
final class Times {

    /** v1 writes naive UTC times, as WSME renders a naive datetime. */
    static final DateTimeFormatter V1 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /**
     * A time from a query parameter: with an offset or {@code Z}, naive (UTC), with a space instead of {@code T}
     * (what the client sends: Python's {@code str(datetime)}), or a bare date; null when absent.
     */
    static Instant parse(String text, String attribute) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().replace(' ', 'T');
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(t.matches(".*[+-]\\d\\d\\d\\d$")
                        ? t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2) : t).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw MeteringError.E011_INVALID_INPUT.with("Invalid input for field/attribute " + attribute + ". Value: '"
                    + text + "'. unable to convert to datetime");
        }
    }

    /** The period asked for, the current month by default (as CloudKitty); 400 unless begin is before end. */
    static Instant[] period(String begin, String end, Instant now) {
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        Instant b = parse(begin, "begin");
        Instant e = parse(end, "end");
        if (b == null) {
            b = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (e == null) {
            e = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (!b.isBefore(e)) {
            throw MeteringError.E011_INVALID_INPUT.with("Invalid period: begin (" + V1.format(b)
                    + ") must be before end (" + V1.format(e) + ").");
        }
        return new Instant[] {b, e};
    }
}
