package io.nubo.blockstorage.volume.transfer;

import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.blockstorage.volume.VolumeLifecycle;
import io.nubo.blockstorage.volume.VolumeRepository;
import io.nubo.blockstorage.volume.VolumeService;
import io.nubo.blockstorage.volume.VolumeTransition;
import io.nubo.blockstorage.volume.quota.QuotaService;
import io.nubo.blockstorage.volume.snapshot.SnapshotRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cinder's volume transfers: the owner offers an available volume (it turns awaiting-transfer) and gets a one-time
 * auth_key; any project that presents transfer id and key takes the volume, its snapshots coming along, within its
 * own quota; deleting the transfer gives the volume back. The key is random (16 hex characters, as Cinder's
 * {@code volume_transfer_key_length}) and kept only as a salted SHA-256.
 */
@Service
public class TransferService {

    /** A transfer just made, with the key that is shown this once. */
    public record Offer(TransferEntity transfer, String authKey) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final TransferRepository transfers;
    private final VolumeService volumes;
    private final VolumeRepository volumeRecords;
    private final SnapshotRepository snapshots;
    private final VolumeLifecycle lifecycle;
    private final QuotaService quotas;
    private final TransactionTemplate tx;
    private final Clock clock;

    public TransferService(TransferRepository transfers, VolumeService volumes, VolumeRepository volumeRecords,
                           SnapshotRepository snapshots, VolumeLifecycle lifecycle, QuotaService quotas,
                           TransactionTemplate tx, Clock clock) {
        this.transfers = transfers;
        this.volumes = volumes;
        this.volumeRecords = volumeRecords;
        this.snapshots = snapshots;
        this.lifecycle = lifecycle;
        this.quotas = quotas;
        this.tx = tx;
        this.clock = clock;
    }

    public Offer create(Caller caller, String volumeId, String name) {
        VolumeEntity v = volumes.visible(caller, volumeId);
        caller.require(Policy.TRANSFER_CREATE, v.getProjectId());
        byte[] key = new byte[8];
        RANDOM.nextBytes(key);
        String authKey = HEX.formatHex(key);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltHex = HEX.formatHex(salt);
        TransferEntity t = new TransferEntity(UUID.randomUUID().toString(), v.getId(), v.getProjectId(), name,
                saltHex, hash(saltHex, authKey), clock.instant());
        return tx.execute(st -> {
            if (!lifecycle.tryApply(v.getId(), VolumeTransition.OFFER_TRANSFER)) {
                throw VolumeError.INVALID_VOLUME.exception("status must be available");
            }
            return new Offer(transfers.save(t), authKey);
        });
    }

    /** The caller's project's transfers (every project's for an admin with all_tenants). */
    public List<TransferEntity> list(Caller caller, boolean allTenants) {
        caller.require(Policy.TRANSFER_GET);
        return allTenants && caller.admin() ? transfers.findAllByOrderByCreatedAt()
                : transfers.findByProjectIdOrderByCreatedAt(caller.projectId());
    }

    public TransferEntity visible(Caller caller, String id) {
        TransferEntity t = transfers.findById(id).orElseThrow(() -> transferNotFound(id));
        if (!caller.admin() && !caller.owns(t.getProjectId())) {
            throw transferNotFound(id);
        }
        caller.require(Policy.TRANSFER_GET, t.getProjectId());
        return t;
    }

    public void delete(Caller caller, String id) {
        TransferEntity t = transfers.findById(id).filter(x -> caller.admin() || caller.owns(x.getProjectId()))
                .orElseThrow(() -> transferNotFound(id));
        caller.require(Policy.TRANSFER_DELETE, t.getProjectId());
        tx.executeWithoutResult(st -> {
            transfers.delete(t);
            lifecycle.tryApply(t.getVolumeId(), VolumeTransition.CANCEL_TRANSFER);
        });
    }

    /** Any project with the key; a wrong key is Cinder's 400, and the caller's quota must hold the volume. */
    public TransferEntity accept(Caller caller, String id, String authKey) {
        caller.require(Policy.TRANSFER_ACCEPT);
        TransferEntity t = transfers.findById(id).orElseThrow(() -> transferNotFound(id));
        if (authKey == null || !MessageDigest.isEqual(hash(t.getSalt(), authKey).getBytes(StandardCharsets.US_ASCII),
                t.getKeyHash().getBytes(StandardCharsets.US_ASCII))) {
            throw VolumeError.INVALID_INPUT.exception("Invalid auth key: Attempt to transfer " + id
                    + " with invalid auth key.");
        }
        VolumeEntity v = volumeRecords.findLive(t.getVolumeId())
                .orElseThrow(() -> VolumeError.VOLUME_NOT_FOUND.exception(t.getVolumeId()));
        return quotas.withLock(caller.projectId(), () -> tx.execute(st -> {
            quotas.check(caller.projectId(), 1, 0, v.getSizeGb(), v.getSizeGb());
            if (volumeRecords.acceptTransfer(v.getId(), caller.projectId(), caller.userId(), clock.instant()) != 1) {
                throw VolumeError.INVALID_VOLUME.exception("Volume " + v.getId() + " is no longer awaiting transfer.");
            }
            snapshots.moveWithVolume(v.getId(), caller.projectId(), caller.userId());
            transfers.delete(t);
            return t;
        }));
    }

    private static RuntimeException transferNotFound(String id) {
        return VolumeError.NOT_FOUND.exception("Transfer " + id + " could not be found.");
    }

    static String hash(String salt, String key) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt.getBytes(StandardCharsets.US_ASCII));
            return HEX.formatHex(d.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
