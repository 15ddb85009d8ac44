package io.nubo.metering.ledger;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.outbox.InboxGuard;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the usage intervals from events. Each event is applied once ({@link InboxGuard}) in one transaction with
 * the resource's state row locked: an event later than the resource's last one moves the state on and touches only
 * the open interval; an earlier one (delivered late or out of order) refolds the resource's whole history, so the
 * intervals are the same whatever the delivery order. In a batch ({@link #recordAll}) a resource is refolded once,
 * after the batch's last event, however many of its events came late: a refold reads all of the resource's events,
 * so one per late event made a busy container's ledger quadratic (concurrent writers commit a few milliseconds out
 * of the order of their timestamps, so under load most events of a container arrive late).
 */
@Service
public class Ledger {

    static final String CONSUMER = "metering";
    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    private final LedgerStore store;
    private final InboxGuard inbox;
    private final EventCodec codec;
    private final UsageMappings mappings;

    public Ledger(LedgerStore store, InboxGuard inbox, EventCodec codec) {
        this.store = store;
        this.inbox = inbox;
        this.codec = codec;
        this.mappings = new UsageMappings(codec);
    }

    /** Applies one event; false when it was seen before. */
    @Transactional
    public boolean record(EventEnvelope e) {
        return record(e, null);
    }

    /**
     * Applies one event; with {@code late} not null a resource that needs a refold is put there (by resource key)
     * and not refolded yet, and further events of a resource already there are only stored: the caller refolds.
     */
    private boolean record(EventEnvelope e, Map<String, ResourceChange> late) {
        if (!inbox.firstDelivery(e.eventId(), CONSUMER)) {
            return false;
        }
        ResourceChange change = mapped(e);
        String id = e.eventId().toString();
        Instant at = change != null && change.at() != null ? change.at() : e.occurredAt();
        if (!store.insertEvent(id, e.eventType(), e.schemaVersion(), at, e.projectId(),
                change == null ? null : change.resourceKey(), change == null ? null : change.change(),
                codec.toJson(e))) {
            return false;
        }
        if (change != null) {
            apply(change, at, id, late);
        }
        return true;
    }

    /** Applies events in order in one transaction; the number that were new. */
    @Transactional
    public int recordAll(List<EventEnvelope> envelopes) {
        int applied = 0;
        Map<String, ResourceChange> late = new LinkedHashMap<>();
        for (EventEnvelope e : envelopes) {
            if (record(e, late)) {
                applied++;
            }
        }
        for (ResourceChange c : late.values()) {
            refold(c);
        }
        return applied;
    }

    private ResourceChange mapped(EventEnvelope e) {
        try {
            ResourceChange c = mappings.map(e);
            return c == null || c.projectId() == null || c.resourceId() == null
                    || (c.at() == null && e.occurredAt() == null) ? null : c;
        } catch (RuntimeException unreadable) {
            log.warn("Keeping event {} of type {} raw: its payload does not read as that type ({})", e.eventId(),
                    e.eventType(), unreadable.toString());
            return null;
        }
    }

    private void apply(ResourceChange c, Instant at, String eventId, Map<String, ResourceChange> late) {
        if (late != null && late.containsKey(c.resourceKey())) {
            return; // its event is stored, and the batch's refold of the resource takes it in
        }
        LedgerStore.ResourceState state = store.lockResource(c);
        boolean inOrder = state.lastAt() == null || at.isAfter(state.lastAt())
                || (at.equals(state.lastAt()) && eventId.compareTo(state.lastEventId()) > 0);
        if (!inOrder) {
            if (late != null) {
                late.put(c.resourceKey(), c);
            } else {
                refold(c);
            }
            return;
        }
        Timeline t = new Timeline(state.level(), state.attributes(), state.since());
        Timeline.Step step = t.apply(at, c.change());
        if (step.changed()) {
            if (step.closed() != null) {
                store.closeOpenInterval(c.resourceKey(), step.closed().end());
            } else {
                store.deleteOpenInterval(c.resourceKey());
            }
            if (t.open() != null) {
                store.insertInterval(c, t.open());
            }
        }
        store.saveState(c.resourceKey(), t, at, eventId);
    }

    /** Rebuilds the resource's intervals and state from all its stored events (its state row is locked). */
    private void refold(ResourceChange c) {
        List<Timeline.TimedChange> changes = store.changes(c.resourceKey());
        changes.sort(Timeline.TimedChange.ORDER);
        Timeline t = new Timeline();
        store.deleteIntervals(c.resourceKey());
        for (Timeline.TimedChange tc : changes) {
            Timeline.Step step = t.apply(tc.at(), tc.change());
            if (step.closed() != null) {
                store.insertInterval(c, step.closed());
            }
        }
        if (t.open() != null) {
            store.insertInterval(c, t.open());
        }
        Timeline.TimedChange last = changes.get(changes.size() - 1);
        store.saveState(c.resourceKey(), t, last.at(), last.eventId());
    }

    /** Intervals overlapping [begin, end), of one project or (null) of all. */
    @Transactional(readOnly = true)
    public List<UsageInterval> intervals(Instant begin, Instant end, String projectId) {
        return store.overlapping(begin, end, projectId);
    }
}
