package io.nubo.compute.volume;

import io.nubo.compute.instanceaction.InstanceActions;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.volume.AttachmentStore.Row;
import io.nubo.compute.volume.AttachmentStore.Status;
import io.nubo.shared.events.compute.ExtendVolume;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.outbox.EventPublisher;
import io.nubo.shared.web.RequestIds;
import io.nubo.compute.wire.Caller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * An attached volume grew: the server's host is told to resize the guest's disk (Nova's compute
 * {@code extend_volume}, which Cinder starts with the {@code volume-extended} external event). Block storage says so
 * with its {@code block-storage.volume.resized} event ({@link VolumeChangeConsumer}); the server is the one this
 * service's own attachment table names for the volume. The work is recorded as the instance action
 * {@code extend_volume} and finished by the agent's report; a stopped guest reads the new size when it boots.
 */
@Service
public class VolumeExtensions implements io.nubo.compute.agent.InstanceReportListener {

    /** The operation of the command and of the agent's report, and the instance action's name (Nova's). */
    public static final String OPERATION = "extend_volume";
    private static final Logger log = LoggerFactory.getLogger(VolumeExtensions.class);
    private static final long GIB = 1L << 30;

    private final AttachmentStore store;
    private final ServerService servers;
    private final InstanceActions actions;
    private final EventPublisher publisher;
    private final Clock clock;
    private final BlockStorageClient volumes;
    private final TransactionTemplate tx;

    VolumeExtensions(AttachmentStore store, ServerService servers, InstanceActions actions, EventPublisher publisher,
                     Clock clock, BlockStorageClient volumes, PlatformTransactionManager tx) {
        this.volumes = volumes;
        this.tx = new TransactionTemplate(tx);
        this.store = store;
        this.servers = servers;
        this.actions = actions;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The server a volume is attached to (attached, not being attached or detached), if any. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Instance> attachedServer(String volumeId) {
        return store.ofVolume(volumeId).filter(r -> r.status() == Status.ATTACHED).map(Row::instanceId)
                .flatMap(servers::byId).filter(i -> !i.deleted());
    }

    /**
     * Sends the instance's host the resize of the volume's disk to {@code newSizeGb}, recorded as the action
     * {@code extend_volume} of {@code projectId}/{@code userId} (who asked: the volume's owner for block storage's
     * event); false when the instance has no host to send it to.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean extend(Instance i, String volumeId, int newSizeGb, String projectId, String userId) {
        if (i.host() == null) {
            log.info("volume {} grew to {} GiB, but server {} has no host: nothing to resize", volumeId, newSizeGb,
                    i.id());
            return false;
        }
        Instant now = clock.instant();
        String actionId = RequestIds.generate();
        actions.start(i.id(), actionId, OPERATION, projectId, userId, "compute_" + OPERATION, i.host(), null, now);
        publisher.publish(new ExtendVolume(i.id(), i.host(), actionId, volumeId, newSizeGb * GIB), i.id(),
                i.projectId());
        return true;
    }

    /**
     * Nova's {@code volume-extended} external event (2.51): the volume's new size is asked of block storage with
     * the caller's token (as Nova's compute manager reads the volume), then the resize goes to the server's host if
     * the volume is attached to that server; otherwise nothing happens, as Nova finds no block device mapping.
     */
    public void requested(Caller caller, Instance i, String volumeId) {
        int sizeGb;
        try {
            sizeGb = volumes.get(caller, volumeId).size();
        } catch (RuntimeException e) {
            log.warn("volume-extended for server {}: volume {} cannot be read: {}", i.id(), volumeId, e.toString());
            return;
        }
        tx.executeWithoutResult(s -> attachedServer(volumeId).filter(a -> a.id().equals(i.id()))
                .ifPresentOrElse(a -> extend(a, volumeId, sizeGb, caller.projectId(), caller.userId()),
                        () -> log.info("volume-extended: volume {} is not attached to server {}", volumeId, i.id())));
    }

    /** The agent's answer to an {@link ExtendVolume}: the action ends, with the fault when the resize failed. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void reported(InstanceReport r) {
        if (!OPERATION.equals(r.operation()) || r.actionId() == null) {
            return;
        }
        boolean ok = r.outcome() == InstanceReport.Outcome.SUCCEEDED;
        if (!ok) {
            log.warn("resizing a volume's disk on server {} failed: {}", r.instanceId(), r.faultMessage());
        }
        actions.finish(r.instanceId(), r.actionId(), ok ? null : r.faultMessage(), ok ? null : r.faultDetails(),
                clock.instant());
    }
}
