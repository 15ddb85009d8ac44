package io.nubo.shared.validation;

/** An API microversion such as {@code 2.79}, compared part by part (2.10 is after 2.9). */
public record Microversion(int major, int minor) implements Comparable<Microversion> {

    public static Microversion parse(String text) {
        String t = text.trim();
        int dot = t.indexOf('.');
        if (dot < 1 || dot == t.length() - 1) {
            throw new IllegalArgumentException("not a microversion: '" + text + "'");
        }
        try {
            return new Microversion(Integer.parseInt(t.substring(0, dot)), Integer.parseInt(t.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a microversion: '" + text + "'", e);
        }
    }

    /** Whether this version lies in {@code [since, until]}; an empty bound is open. */
    public boolean within(String since, String until) {
        return (since.isEmpty() || compareTo(parse(since)) >= 0) && (until.isEmpty() || compareTo(parse(until)) <= 0);
    }

    @Override
    public int compareTo(Microversion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
