package io.nubo.metering.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One resource's usage as a state folded over its changes in time order: the current level and attributes since
 * when, and the closed segments they leave behind. Times are cut to the millisecond (usage is exact to the millisecond, as Nova's os-simple-tenant-usage).
 * The ledger applies changes one by one as they arrive in order, and refolds all of a resource's changes when one
 * arrives late, so both paths share this one state machine and give the same segments.
 */
public final class Timeline {

    /** A change at a time, ordered by time then event id (a stable order for events within the same instant). */
    public record TimedChange(Instant at, String eventId, UsageChange change) {
        public static final Comparator<TimedChange> ORDER =
                Comparator.comparing(TimedChange::at).thenComparing(TimedChange::eventId);
    }

    /** What applying one change did: nothing, or a new state, possibly closing the previous segment. */
    public record Step(boolean changed, Segment closed) {
        static final Step UNCHANGED = new Step(false, null);
    }

    private BigDecimal level;
    private Map<String, String> attributes;
    private Instant since;

    public Timeline() {
        this(BigDecimal.ZERO, Map.of(), null);
    }

    public Timeline(BigDecimal level, Map<String, String> attributes, Instant since) {
        this.level = level;
        this.attributes = attributes;
        this.since = since;
    }

    public Step apply(Instant when, UsageChange change) {
        Instant t = when.truncatedTo(ChronoUnit.MILLIS);
        BigDecimal newLevel;
        Map<String, String> newAttributes;
        if (change instanceof UsageChange.Set s) {
            newLevel = s.level();
            newAttributes = s.attributes() == null ? attributes : Map.copyOf(s.attributes());
        } else if (change instanceof UsageChange.Add a) {
            newLevel = level.add(a.delta());
            newAttributes = attributes;
        } else {
            newLevel = BigDecimal.ZERO;
            newAttributes = Map.of();
        }
        if (newLevel.compareTo(level) == 0 && newAttributes.equals(attributes)) {
            return Step.UNCHANGED;
        }
        Segment closed = active() && t.isAfter(since) ? new Segment(since, t, level, attributes) : null;
        level = newLevel;
        attributes = newAttributes;
        since = t;
        return new Step(true, closed);
    }

    /** Whether the resource is in use now (a non-zero level). */
    public boolean active() {
        return level.signum() != 0;
    }

    /** The segment in progress, or null when the resource is not in use. */
    public Segment open() {
        return active() ? new Segment(since, null, level, attributes) : null;
    }

    public BigDecimal level() {
        return level;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public Instant since() {
        return since;
    }

    /** All segments of a resource from its changes, in any order: what a full refold produces. */
    public static List<Segment> fold(List<TimedChange> changes) {
        List<TimedChange> ordered = new ArrayList<>(changes);
        ordered.sort(TimedChange.ORDER);
        Timeline timeline = new Timeline();
        List<Segment> segments = new ArrayList<>();
        for (TimedChange c : ordered) {
            Step step = timeline.apply(c.at(), c.change());
            if (step.closed() != null) {
                segments.add(step.closed());
            }
        }
        if (timeline.open() != null) {
            segments.add(timeline.open());
        }
        return segments;
    }
}
