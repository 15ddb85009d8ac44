package io.nubo.metering.ledger;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.outbox.InboxGuard;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the usage intervals from events. Each event is applied once ({@link InboxGuard}) in one transaction with
 * the resource's state row locked: an event later than the resource's last one moves the state on and touches only
 * the open interval; an earlier one (delivered late or out of order) refolds the resource's whole history, so the
 * intervals are the same whatever the delivery order.
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
            apply(change, at, id);
        }
        return true;
    }

    /** Applies events in order in one transaction; the number that were new. */
    @Transactional
    public int recordAll(List<EventEnvelope> envelopes) {
        int applied = 0;
        for (EventEnvelope e : envelopes) {
            if (record(e)) {
                applied++;
            }
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

    private void apply(ResourceChange c, Instant at, String eventId) {
        LedgerStore.ResourceState state = store.lockResource(c);
        boolean inOrder = state.lastAt() == null || at.isAfter(state.lastAt())
                || (at.equals(state.lastAt()) && eventId.compareTo(state.lastEventId()) > 0);
        if (!inOrder) {
            refold(c, state);
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

    private void refold(ResourceChange c, LedgerStore.ResourceState state) {
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
