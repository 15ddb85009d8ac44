package io.nubo.image.image;

import java.util.Locale;

/** Glance's image statuses, as they appear on the wire. */
public enum ImageStatus {
    /** a record without data */
    QUEUED,
    /** data is being uploaded into a store ({@code PUT /file}) */
    SAVING,
    /** data is in a store and can be read */
    ACTIVE,
    /** an upload failed for good */
    KILLED,
    DELETED,
    PENDING_DELETE,
    /** data exists but only admins may read it */
    DEACTIVATED,
    /** data has been staged for an interoperable import ({@code PUT /stage}) */
    UPLOADING,
    /** an import task is copying data into a store */
    IMPORTING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImageStatus fromWire(String s) {
        for (ImageStatus v : values()) {
            if (v.wire().equals(s)) {
                return v;
            }
        }
        return null;
    }
}
