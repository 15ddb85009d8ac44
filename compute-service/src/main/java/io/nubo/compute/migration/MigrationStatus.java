package io.nubo.compute.migration;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A migration's status (Nova's {@code migrations.status} for live migrations) and the transitions it allows, as
 * data: {@link MigrationStore#transition} changes a row only from a status that allows the target, so a late report,
 * a sweep and a reconcile can never both win. {@code failed}: refused or stopped before anything moved;
 * {@code error}: the move itself failed (the instance still runs on the source). {@code error} may still become
 * {@code completed}: a source agent's late success report means the guest did arrive on the destination, and the
 * instance must follow it rather than be lost.
 */
public enum MigrationStatus {
    QUEUED, PREPARING, RUNNING, COMPLETED, FAILED, ERROR, CANCELLING, CANCELLED,
    /** A resize's: done, waiting for a confirm or a revert (VERIFY_RESIZE). */
    FINISHED,
    /** A resize's ends. */
    CONFIRMED, REVERTED,
    /**
     * An evacuation's (Nova's): {@code accepted} by the API, {@code pre-migrating} once the destination is claimed,
     * {@code done} when the guest runs there (its source host has not cleaned up yet), {@code completed} after the
     * source destroyed its leftover; {@code error} when no host was found, {@code failed} when the spawn failed.
     * A cold migration's steps (Nova's): {@code pre-migrating} (destination preparing), {@code migrating} (disks
     * copying), {@code post-migrating} (guest defined there), then {@code finished}.
     */
    ACCEPTED, PRE_MIGRATING, DONE, MIGRATING, POST_MIGRATING,
    /** A cold migration's confirm and revert under way (back to finished when they fail). */
    CONFIRMING, REVERTING;

    private static final Set<MigrationStatus> FINAL = EnumSet.of(COMPLETED, FAILED, ERROR, CANCELLED, CONFIRMED, REVERTED);

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** The statuses this one may be reached from. */
    public Set<MigrationStatus> from() {
        return switch (this) {
            case QUEUED, ACCEPTED -> EnumSet.noneOf(MigrationStatus.class);
            case PRE_MIGRATING -> EnumSet.of(ACCEPTED);
            case DONE -> EnumSet.of(PRE_MIGRATING);
            case PREPARING -> EnumSet.of(QUEUED);
            case RUNNING -> EnumSet.of(QUEUED, PREPARING);
            case CANCELLING -> EnumSet.of(QUEUED, PREPARING, RUNNING);
            case CANCELLED -> EnumSet.of(CANCELLING);
            case FAILED -> EnumSet.of(QUEUED, PREPARING, PRE_MIGRATING);
            case ERROR -> EnumSet.of(QUEUED, PREPARING, RUNNING, CANCELLING, ACCEPTED, PRE_MIGRATING, MIGRATING,
                    POST_MIGRATING);
            case COMPLETED -> EnumSet.of(QUEUED, PREPARING, RUNNING, CANCELLING, ERROR, ACCEPTED, PRE_MIGRATING, DONE);
            case FINISHED -> EnumSet.of(QUEUED, POST_MIGRATING, CONFIRMING, REVERTING);
            case CONFIRMED -> EnumSet.of(FINISHED, CONFIRMING);
            case REVERTED -> EnumSet.of(FINISHED, REVERTING);
            case MIGRATING -> EnumSet.of(PRE_MIGRATING);
            case POST_MIGRATING -> EnumSet.of(MIGRATING);
            case CONFIRMING, REVERTING -> EnumSet.of(FINISHED);
        };
    }

    public boolean allowedFrom(MigrationStatus current) {
        return from().contains(current);
    }

    public static MigrationStatus ofWire(String s) {
        return Arrays.stream(values()).filter(v -> v.wire().equalsIgnoreCase(s)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown migration status " + s));
    }
}
