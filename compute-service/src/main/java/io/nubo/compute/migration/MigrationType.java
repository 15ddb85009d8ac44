package io.nubo.compute.migration;

import java.util.Arrays;
import java.util.Optional;

/** Nova's {@code migration_type}: what kind of move a migration row records. Live migration, resize and cold migration are served. */
public enum MigrationType {
    LIVE_MIGRATION("live-migration"), MIGRATION("migration"), RESIZE("resize"), EVACUATION("evacuation");

    private final String wire;

    MigrationType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<MigrationType> ofWire(String s) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(s)).findFirst();
    }
}
