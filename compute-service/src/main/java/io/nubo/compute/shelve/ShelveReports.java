package io.nubo.compute.shelve;

import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.server.state.ShelveStep;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies the agent's reports of a shelve's or an unshelve's commands as {@link ShelveStep} says: each successful
 * one moves the task on (compare-and-swap on the task and its action id) and sends what comes next; a failed one
 * ends the operation where it began (a shelve's image deleted, an unshelve's host given back), with a fault. A
 * volume-backed server's shelve has no snapshot step (its own row in the table).
 */
@Service
public class ShelveReports {

    private final ServerService servers;
    private final ServerLifecycle lifecycle;
    private final ShelvedImages shelved;
    private final EventPublisher publisher;
    private final Clock clock;

    ShelveReports(ServerService servers, ServerLifecycle lifecycle, ShelvedImages shelved, EventPublisher publisher,
                  Clock clock) {
        this.servers = servers;
        this.lifecycle = lifecycle;
        this.shelved = shelved;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Called with every instance report before the server lifecycle sees it (which leaves these alone). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void beforeLifecycle(InstanceReport r) {
        if (r.actionId() == null || !ShelveStep.reports(r.operation())) {
            return;
        }
        Optional<Instance> found = servers.awaitingReport(r);
        if (found.isEmpty()) {
            return;
        }
        Instance i = found.get();
        ShelveStep step = ShelveStep.of(i.taskState(), r, i.imageId() == null);
        if (step == null) {
            return;
        }
        if (r.outcome() != InstanceReport.Outcome.SUCCEEDED) {
            failed(i, step, r);
            return;
        }
        switch (step.then()) {
            case AWAIT_SNAPSHOT -> lifecycle.advance(i, r.actionId(), step.from(), step.next());
            case DELETE_GUEST -> {
                if (lifecycle.advance(i, r.actionId(), step.from(), step.next())) {
                    publisher.publish(new DeleteInstance(i.id(), i.host(), r.actionId()), i.id(), i.projectId());
                }
            }
            case OFFLOADED -> {
                if (lifecycle.offloaded(i, r.actionId())) {
                    shelved.release(r.actionId());
                }
            }
            case UNSHELVED -> {
                if (lifecycle.unshelved(i, r.actionId(), r.powerState())) {
                    // Nova deletes the shelved image once the guest runs from it
                    shelved.imageOf(i.id()).ifPresent(image -> shelved.deleteHeld(r.actionId(), i.id(), image));
                    shelved.forget(i.id(), r.actionId());
                }
            }
        }
    }

    private void failed(Instance i, ShelveStep step, InstanceReport r) {
        if (step.operation() == ServerOperation.UNSHELVE) {
            lifecycle.unshelveFailed(i, r.actionId(), r.faultMessage(), r.faultDetails());
            return;
        }
        lifecycle.failed(i, step.operation(), r.actionId(), r.faultMessage(), r.faultDetails(), clock.instant());
        // the shelve is undone: its image goes (the agent deletes a failed snapshot's itself), the server stays
        shelved.imageOf(i.id()).ifPresent(image -> shelved.deleteHeld(r.actionId(), i.id(), image));
        shelved.forget(i.id(), r.actionId());
    }
}
