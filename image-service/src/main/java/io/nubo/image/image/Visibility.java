package io.nubo.image.image;

import java.util.Locale;

/** Who may see an image besides its owner. */
public enum Visibility {
    PUBLIC, PRIVATE, SHARED, COMMUNITY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Visibility fromWire(String s) {
        for (Visibility v : values()) {
            if (v.wire().equals(s)) {
                return v;
            }
        }
        return null;
    }
}
