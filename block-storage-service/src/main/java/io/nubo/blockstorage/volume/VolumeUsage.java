package io.nubo.blockstorage.volume;

import io.nubo.blockstorage.volume.snapshot.SnapshotEntity;
import io.nubo.blockstorage.volume.snapshot.SnapshotRepository;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What each project keeps on one backend (os-hosts/{host}): counted from the live records, like quota usage. */
@Component
public class VolumeUsage {

    /** Volumes and their GiB, snapshots and theirs. */
    public record Usage(long volumes, long volumeGb, long snapshots, long snapshotGb) {
        Usage plus(Usage o) {
            return new Usage(volumes + o.volumes, volumeGb + o.volumeGb, snapshots + o.snapshots,
                    snapshotGb + o.snapshotGb);
        }
    }

    private final VolumeRepository volumes;
    private final SnapshotRepository snapshots;

    public VolumeUsage(VolumeRepository volumes, SnapshotRepository snapshots) {
        this.volumes = volumes;
        this.snapshots = snapshots;
    }

    /** Per project, sorted by project id. */
    @Transactional(readOnly = true)
    public Map<String, Usage> onBackend(String backend) {
        Map<String, Usage> by = new TreeMap<>();
        Set<String> ids = volumes.findLiveIn(null).stream().filter(v -> v.getBackend().equals(backend))
                .peek(v -> by.merge(v.getProjectId(), new Usage(1, v.getSizeGb(), 0, 0), Usage::plus))
                .map(VolumeEntity::getId).collect(Collectors.toSet());
        for (SnapshotEntity s : snapshots.findLiveIn(null)) {
            if (ids.contains(s.getVolumeId())) {
                by.merge(s.getProjectId(), new Usage(0, 0, 1, s.getSizeGb()), Usage::plus);
            }
        }
        return by;
    }

    public static Usage total(Map<String, Usage> byProject) {
        return byProject.values().stream().reduce(new Usage(0, 0, 0, 0), Usage::plus);
    }
}
