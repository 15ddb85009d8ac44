package io.nubo.blockstorage.volume.quota;

import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.volume.snapshot.SnapshotRepository;
import io.nubo.blockstorage.volume.VolumeRepository;
import io.nubo.blockstorage.error.VolumeError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cinder's per-project quotas (volumes, snapshots, gigabytes, per_volume_gigabytes, backups, backup_gigabytes):
 * defaults from configuration, per-project values in the {@code quotas} table; usage is counted from the volumes
 * and snapshots themselves, so it cannot drift. A check and the insert it guards run under one per-project lock
 * ({@link #withLock}), so two creates cannot both take the last unit (one service instance per database).
 */
@Service
public class QuotaService {

    public static final String[] RESOURCES = {"volumes", "snapshots", "gigabytes", "per_volume_gigabytes", "backups",
            "backup_gigabytes", "groups"};

    private final QuotaRepository quotas;
    private final VolumeRepository volumes;
    private final SnapshotRepository snapshots;
    private final BlockStorageProperties.Quota defaults;
    private final Map<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

    public QuotaService(QuotaRepository quotas, VolumeRepository volumes, SnapshotRepository snapshots,
                        BlockStorageProperties properties) {
        this.quotas = quotas;
        this.volumes = volumes;
        this.snapshots = snapshots;
        this.defaults = properties.quota();
    }

    public Map<String, Integer> defaults() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("volumes", defaults.volumes());
        m.put("snapshots", defaults.snapshots());
        m.put("gigabytes", defaults.gigabytes());
        m.put("per_volume_gigabytes", defaults.perVolumeGigabytes());
        m.put("backups", defaults.backups());
        m.put("backup_gigabytes", defaults.backupGigabytes());
        m.put("groups", defaults.groups());
        return m;
    }

    /** The project's limits: its own where set, the defaults elsewhere. */
    @Transactional(readOnly = true)
    public Map<String, Integer> limits(String project) {
        Map<String, Integer> m = defaults();
        for (QuotaEntity q : quotas.findByProjectId(project)) {
            m.put(q.getResource(), q.getHardLimit());
        }
        return m;
    }

    /** What the project uses now, per resource (per_volume_gigabytes and backups count nothing yet). */
    @Transactional(readOnly = true)
    public Map<String, Integer> usage(String project) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("volumes", (int) volumes.countLive(project));
        m.put("snapshots", (int) snapshots.countLive(project));
        m.put("gigabytes", (int) (volumes.gigabytesUsed(project) + snapshots.gigabytesUsed(project)));
        m.put("per_volume_gigabytes", 0);
        m.put("backups", 0);
        m.put("backup_gigabytes", 0);
        m.put("groups", 0);
        return m;
    }

    @Transactional
    public void set(String project, Map<String, Integer> values) {
        values.forEach((resource, limit) -> {
            QuotaEntity q = quotas.findById(new QuotaEntity.Key(project, resource))
                    .orElseGet(() -> new QuotaEntity(project, resource, limit));
            q.setHardLimit(limit);
            quotas.save(q);
        });
    }

    @Transactional
    public void reset(String project) {
        quotas.deleteAll(quotas.findByProjectId(project));
    }

    /** Runs {@code action} (check, then insert) with no other quota-checked change of the project in between. */
    public <T> T withLock(String project, java.util.function.Supplier<T> action) {
        synchronized (locks.computeIfAbsent(project, p -> new Object())) {
            return action.get();
        }
    }

    /** Refuses, with Cinder's 413, a change that adds {@code volumes}, {@code snapshots} and {@code gigabytes}. */
    public void check(String project, int addVolumes, int addSnapshots, int addGigabytes, int volumeSizeGb) {
        Map<String, Integer> limit = limits(project);
        int perVolume = limit.get("per_volume_gigabytes");
        if (volumeSizeGb > 0 && perVolume >= 0 && volumeSizeGb > perVolume) {
            throw VolumeError.OVER_QUOTA.exception("VolumeSizeExceedsLimit: Requested volume size " + volumeSizeGb
                    + "G is larger than maximum allowed limit " + perVolume + "G.");
        }
        Map<String, Integer> used = usage(project);
        if (addVolumes > 0 && over(limit.get("volumes"), used.get("volumes"), addVolumes)) {
            throw VolumeError.OVER_QUOTA.exception("VolumeLimitExceeded: Maximum number of volumes allowed ("
                    + limit.get("volumes") + ") exceeded for quota 'volumes'.");
        }
        if (addSnapshots > 0 && over(limit.get("snapshots"), used.get("snapshots"), addSnapshots)) {
            throw VolumeError.OVER_QUOTA.exception("SnapshotLimitExceeded: Maximum number of snapshots allowed ("
                    + limit.get("snapshots") + ") exceeded");
        }
        if (addGigabytes > 0 && over(limit.get("gigabytes"), used.get("gigabytes"), addGigabytes)) {
            throw VolumeError.OVER_QUOTA.exception("VolumeSizeExceedsAvailableQuota: Requested volume or snapshot"
                    + " exceeds allowed gigabytes quota. Requested " + addGigabytes + "G, quota is "
                    + limit.get("gigabytes") + "G and " + used.get("gigabytes") + "G has been consumed.");
        }
    }

    private static boolean over(int limit, int used, int add) {
        return limit >= 0 && used + add > limit;
    }
}
