package io.nubo.identity.directory;

/** Keystone's boolean query parameters ({@code ?enabled=false}, {@code ?is_domain=true}). */
public final class QueryFlags {

    private QueryFlags() {
    }

    /** null when absent; false for false, 0, no, off, f (any case); true otherwise, also when empty. */
    public static Boolean bool(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase();
        return !(v.equals("false") || v.equals("0") || v.equals("no") || v.equals("off") || v.equals("f"));
    }
}
