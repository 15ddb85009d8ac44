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

    public static final String DEFAULT_CLASS = "default";

    private final QuotaRepository quotas;
    private final QuotaClassRepository classes;
    private final VolumeRepository volumes;
    private final SnapshotRepository snapshots;
    private final io.nubo.blockstorage.volume.backup.BackupRepository backups;
    private final BlockStorageProperties.Quota defaults;
    private final Map<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

    public QuotaService(QuotaRepository quotas, QuotaClassRepository classes, VolumeRepository volumes, SnapshotRepository snapshots,
                        io.nubo.blockstorage.volume.backup.BackupRepository backups, BlockStorageProperties properties) {
        this.quotas = quotas;
        this.classes = classes;
        this.volumes = volumes;
        this.snapshots = snapshots;
        this.backups = backups;
        this.defaults = properties.quota();
    }

    /** The configured defaults, overridden by the {@code default} quota class (os-quota-class-sets/default). */
    @Transactional(readOnly = true)
    public Map<String, Integer> defaults() {
        Map<String, Integer> m = configured();
        for (QuotaClassEntity q : classes.findByClassName(DEFAULT_CLASS)) {
            m.put(q.getResource(), q.getHardLimit());
        }
        return m;
    }

    /** A quota class's limits: the defaults for {@code default}, the configured ones overlaid for another. */
    @Transactional(readOnly = true)
    public Map<String, Integer> quotaClass(String name) {
        Map<String, Integer> m = DEFAULT_CLASS.equals(name) ? defaults() : configured();
        if (!DEFAULT_CLASS.equals(name)) {
            classes.findByClassName(name).forEach(q -> m.put(q.getResource(), q.getHardLimit()));
        }
        return m;
    }

    @Transactional
    public void setClass(String name, Map<String, Integer> values) {
        values.forEach((resource, limit) -> {
            QuotaClassEntity q = classes.findById(new QuotaClassEntity.Key(name, resource))
                    .orElseGet(() -> new QuotaClassEntity(name, resource, limit));
            q.setHardLimit(limit);
            classes.save(q);
        });
    }

    private Map<String, Integer> configured() {
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

    /** What the project uses now, per resource (per_volume_gigabytes counts nothing). */
    @Transactional(readOnly = true)
    public Map<String, Integer> usage(String project) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("volumes", (int) volumes.countLive(project));
        m.put("snapshots", (int) snapshots.countLive(project));
        m.put("gigabytes", (int) (volumes.gigabytesUsed(project) + snapshots.gigabytesUsed(project)));
        m.put("per_volume_gigabytes", 0);
        Object[] b = backups.usage(project).get(0);
        m.put("backups", ((Number) b[0]).intValue());
        m.put("backup_gigabytes", ((Number) b[1]).intValue());
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

    /** Cinder's 413 when one more backup of {@code sizeGb} would pass backups or backup_gigabytes. */
    public void checkBackup(String project, int sizeGb, Object[] used) {
        Map<String, Integer> limit = limits(project);
        long count = ((Number) used[0]).longValue();
        long gb = ((Number) used[1]).longValue();
        if (limit.get("backups") >= 0 && count + 1 > limit.get("backups")) {
            throw VolumeError.OVER_QUOTA.exception("BackupLimitExceeded: Maximum number of backups allowed ("
                    + limit.get("backups") + ") exceeded");
        }
        if (limit.get("backup_gigabytes") >= 0 && gb + sizeGb > limit.get("backup_gigabytes")) {
            throw VolumeError.OVER_QUOTA.exception("VolumeBackupSizeExceedsAvailableQuota: Requested backup exceeds"
                    + " allowed Backup gigabytes quota. Requested " + sizeGb + "G, quota is "
                    + limit.get("backup_gigabytes") + "G and " + gb + "G has been consumed.");
        }
    }

    /**
     * The per-type limits a quota class may set ({@code volumes_<type>}, {@code gigabytes_<type>}): Cinder's 413
     * when a new volume of the type would pass one.
     */
    public void checkType(String project, String typeId, String typeName, int addGigabytes) {
        Map<String, Integer> limit = limits(project);
        Integer maxVolumes = limit.get("volumes_" + typeName);
        Integer maxGb = limit.get("gigabytes_" + typeName);
        if (maxVolumes == null && maxGb == null) {
            return;
        }
        Object[] used = volumes.usageOfType(project, typeId).get(0);
        long count = ((Number) used[0]).longValue();
        long gb = ((Number) used[1]).longValue();
        if (maxVolumes != null && maxVolumes >= 0 && count + 1 > maxVolumes) {
            throw VolumeError.OVER_QUOTA.exception("VolumeLimitExceeded: Maximum number of volumes allowed ("
                    + maxVolumes + ") exceeded for quota 'volumes_" + typeName + "'.");
        }
        if (maxGb != null && maxGb >= 0 && gb + addGigabytes > maxGb) {
            throw VolumeError.OVER_QUOTA.exception("VolumeSizeExceedsAvailableQuota: Requested volume exceeds"
                    + " allowed gigabytes_" + typeName + " quota. Requested " + addGigabytes + "G, quota is " + maxGb
                    + "G and " + gb + "G has been consumed.");
        }
    }

    private static boolean over(int limit, int used, int add) {
        return limit >= 0 && used + add > limit;
    }
}
