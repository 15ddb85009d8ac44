package io.nubo.compute.volume;

import io.nubo.compute.config.VolumeAttachProperties;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.image.ImageClient;
import io.nubo.compute.server.BlockDeviceRequest;
import io.nubo.compute.server.BootVolumes;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.server.state.TaskState;
import io.nubo.compute.volume.AttachmentStore.Status;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.BlockDeviceSpec;
import io.nubo.shared.events.compute.SpawnInstance;
import io.nubo.shared.events.compute.VolumeConnection;
import io.nubo.shared.outbox.EventPublisher;
import io.nubo.shared.web.OpenStackException;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Boot from volume, as Nova's API checks the block device mappings and its compute manager prepares them
 * ({@code _prep_block_device}): volumes for source image, snapshot or blank are created in block storage with the
 * caller's token and awaited until available, then every volume is reserved, connected for the instance's host and
 * attached ({@code os-reserve}, {@code os-initialize_connection}, {@code os-attach} at its device, the root at
 * {@code /dev/vda}), and only then does the spawn command go to the host, carrying each connection. This runs in
 * the background after the create is answered (202, as Nova); a failure puts the instance in ERROR with a fault,
 * and its volumes stay recorded, so deleting it detaches them and deletes those marked delete_on_termination.
 */
@Service
class BootVolumeService implements BootVolumes {

    private static final Logger log = LoggerFactory.getLogger(BootVolumeService.class);

    private final BlockStorageClient volumes;
    private final VolumeAttachments attachments;
    private final AttachmentStore store;
    private final ImageClient images;
    private final ServerService servers;
    private final ServerLifecycle lifecycle;
    private final EventPublisher publisher;
    private final TransactionTemplate tx;
    private final VolumeAttachProperties props;
    private final Clock clock;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "boot-volumes");
        t.setDaemon(true);
        return t;
    });

    BootVolumeService(BlockStorageClient volumes, VolumeAttachments attachments, AttachmentStore store,
                      ImageClient images, ServerService servers,
                      ServerLifecycle lifecycle, EventPublisher publisher, PlatformTransactionManager tx,
                      VolumeAttachProperties props, Clock clock) {
        this.volumes = volumes;
        this.attachments = attachments;
        this.store = store;
        this.images = images;
        this.servers = servers;
        this.lifecycle = lifecycle;
        this.publisher = publisher;
        this.tx = new TransactionTemplate(tx);
        this.props = props;
        this.clock = clock;
    }

    @Override
    public void check(Caller caller, List<BlockDeviceRequest> mappings) {
        for (BlockDeviceRequest b : mappings) {
            switch (b.sourceType()) {
                case "volume" -> {
                    BlockStorageClient.Volume v;
                    try {
                        v = volumes.get(caller, b.uuid());
                    } catch (OpenStackException e) {
                        if (e.status().value() == 404) {
                            throw ComputeError.BAD_REQUEST.exception("Block Device Mapping is Invalid: failed to get"
                                    + " volume " + b.uuid() + ".");
                        }
                        throw e;
                    }
                    if (!"available".equals(v.status())) {
                        throw ComputeError.INVALID_VOLUME.exception("volume '" + v.id() + "' status must be"
                                + " 'available'. Currently in '" + v.status() + "'");
                    }
                    if (store.ofVolume(v.id()).isPresent()) {
                        throw ComputeError.INVALID_VOLUME.exception("volume " + v.id() + " already attached");
                    }
                    if (b.root() && !v.bootable()) {
                        // Nova's InvalidBDMVolumeNotBootable: a root volume must be marked bootable in Cinder
                        throw ComputeError.BAD_REQUEST.exception("Block Device " + v.id() + " is not bootable.");
                    }
                }
                case "snapshot" -> volumes.snapshot(caller, b.uuid());
                case "image" -> {
                    requireSize(b, "Images with destination_type 'volume' need to have a non-zero size specified");
                    try {
                        images.find(caller, b.uuid());
                    } catch (OpenStackException e) {
                        if (e.status().value() == 400) {
                            throw ComputeError.BAD_REQUEST.exception("Block Device Mapping is Invalid: failed to get"
                                    + " image " + b.uuid() + ".");
                        }
                        throw e;
                    }
                }
                case "blank" -> requireSize(b, "Blank volumes (source: 'blank', dest: 'volume') need to have"
                        + " non-zero size");
                default -> throw ComputeError.BAD_REQUEST.exception("Block Device Mapping is Invalid: source_type "
                        + b.sourceType() + " is not valid.");
            }
        }
    }

    private static void requireSize(BlockDeviceRequest b, String message) {
        if (b.volumeSize() == null || b.volumeSize() <= 0) {
            throw ComputeError.BAD_REQUEST.exception("Block Device Mapping is Invalid: " + message);
        }
    }

    @Override
    public void prepareAndSpawn(Caller caller, Instance i, SpawnInstance spawn, List<BlockDeviceRequest> mappings) {
        VolumeAttachments.afterCommit(() -> background.execute(() -> prepare(caller, i, spawn, mappings)));
    }

    private void prepare(Caller caller, Instance i, SpawnInstance spawn, List<BlockDeviceRequest> mappings) {
        List<BlockDeviceSpec> devices = new ArrayList<>();
        try {
            List<BlockDeviceRequest> ordered = new ArrayList<>(mappings);
            ordered.sort(Comparator.comparing((BlockDeviceRequest b) -> !b.root()));
            for (BlockDeviceRequest b : ordered) {
                devices.add(attach(caller, i, spawn.actionId(), b));
            }
        } catch (RuntimeException e) {
            log.warn("Instance {}: preparing its volumes failed: {}", i.id(), e.getMessage());
            tx.executeWithoutResult(s -> lifecycle.failed(i, ServerOperation.SPAWN, spawn.actionId(),
                    "Build of instance " + i.id() + " aborted: " + e.getMessage(), null, clock.instant()));
            return;
        }
        Boolean sent = tx.execute(s -> {
            if (!stillSpawning(caller, i, spawn.actionId())) {
                return false;
            }
            publisher.publish(new SpawnInstance(spawn.instanceId(), spawn.host(), spawn.actionId(),
                    spawn.projectId(), spawn.userId(), spawn.displayName(), spawn.hostname(), spawn.flavor(),
                    spawn.image(), spawn.keyName(), spawn.keyData(), spawn.userData(), spawn.metadata(),
                    spawn.configDrive(), spawn.availabilityZone(), spawn.launchIndex(), spawn.nics(), devices,
                    spawn.createdAt()), i.id(), i.projectId());
            return true;
        });
        if (!Boolean.TRUE.equals(sent)) {
            log.info("Instance {} was deleted while its volumes were prepared; they are let go", i.id());
            attachments.release(caller, i);
        }
    }

    /** Creates the volume when the mapping asks for one, then reserves, connects and attaches it in block storage. */
    private BlockDeviceSpec attach(Caller caller, Instance i, String actionId, BlockDeviceRequest b) {
        String volumeId = b.uuid();
        String device = b.root() ? "/dev/vda" : VolumeAttachments.nextDevice(i, store.ofInstance(i.id()));
        if (!b.sourceType().equals("volume")) {
            BlockStorageClient.Volume v = volumes.create(caller, b.volumeSize(),
                    b.sourceType().equals("image") ? b.uuid() : null,
                    b.sourceType().equals("snapshot") ? b.uuid() : null, "");
            volumeId = v.id();
            record(volumeId, i, device, actionId, b);
            awaitAvailable(caller, volumeId);
        } else {
            record(volumeId, i, device, actionId, b);
        }
        volumes.reserve(caller, volumeId);
        VolumeConnection connection = volumes.initializeConnection(caller, volumeId, VolumeAttachments.connector(i));
        volumes.attach(caller, volumeId, i.id(), device, i.host());
        String id = volumeId;
        tx.executeWithoutResult(s -> store.move(id, i.id(), Status.ATTACHING, Status.ATTACHED, actionId,
                clock.instant()));
        return new BlockDeviceSpec(volumeId, device, b.bootIndex(), b.deleteOnTermination(), connection);
    }

    private void record(String volumeId, Instance i, String device, String actionId, BlockDeviceRequest b) {
        Boolean begun = tx.execute(s -> store.begin(volumeId, i.id(), device, actionId, clock.instant(),
                b.bootIndex(), b.deleteOnTermination()));
        if (!Boolean.TRUE.equals(begun)) {
            throw ComputeError.INVALID_VOLUME.exception("volume " + volumeId + " already attached");
        }
    }

    /** Nova's wait for a new volume (block_device_allocate_retries), with its message when it does not come. */
    private void awaitAvailable(Caller caller, String volumeId) {
        long deadline = System.nanoTime() + props.bootVolumeTimeout().toNanos();
        int attempts = 0;
        String status = "creating";
        while (System.nanoTime() < deadline) {
            attempts++;
            status = volumes.get(caller, volumeId).status();
            if ("available".equals(status)) {
                return;
            }
            if ("error".equals(status)) {
                break;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw ComputeError.INVALID_VOLUME.exception("Volume " + volumeId + " did not finish being created even after"
                + " we waited " + props.bootVolumeTimeout().toSeconds() + " seconds or " + attempts + " attempts."
                + " And its status is " + status + ".");
    }

    private boolean stillSpawning(Caller caller, Instance i, String actionId) {
        try {
            Instance now = servers.get(caller, i.id());
            return now.taskState() == TaskState.SPAWNING && actionId.equals(now.taskActionId());
        } catch (OpenStackException gone) {
            return false;
        }
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }
}
