package io.nubo.shared.microversion;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A microversion, {@code major.minor} (Nova's and Cinder's {@code APIVersionRequest}). Ordered numerically, so
 * {@code 2.10} is newer than {@code 2.9}.
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    private static final Pattern FORMAT = Pattern.compile("^([1-9]\\d*)\\.([1-9]\\d*|0)$");

    /** Parses {@code 2.10}; throws {@link IllegalArgumentException} for anything else (no {@code latest} here). */
    public static ApiVersion parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("API Version String " + text
                    + " is of invalid format. Must be of format MajorNum.MinorNum.");
        }
        try {
            return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException tooLarge) {
            throw new IllegalArgumentException("API Version String " + text + " is out of range.");
        }
    }

    public boolean atLeast(ApiVersion other) {
        return compareTo(other) >= 0;
    }

    /** {@code v.atLeast("2.47")}: the form handlers use to vary a response by microversion. */
    public boolean atLeast(String other) {
        return atLeast(parse(other));
    }

    public boolean within(ApiVersion min, ApiVersion max) {
        return atLeast(min) && (max == null || max.atLeast(this));
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
