package io.nubo.blockstorage.volume.attachment;

import java.util.Locale;

/** An attachment record's {@code attach_status}, as Cinder names them. */
public enum AttachStatus {
    RESERVED, ATTACHING, ATTACHED, DETACHING, DETACHED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
