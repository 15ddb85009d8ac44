package io.nubo.blockstorage.volume.snapshot;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface SnapshotRepository extends JpaRepository<SnapshotEntity, String> {

    @Query("select s from SnapshotEntity s where s.id = :id"
            + " and s.status <> io.nubo.blockstorage.volume.snapshot.SnapshotStatus.DELETED")
    Optional<SnapshotEntity> findLive(@Param("id") String id);

    @Query("select s from SnapshotEntity s where s.status <> io.nubo.blockstorage.volume.snapshot.SnapshotStatus.DELETED"
            + " and (:project is null or s.projectId = :project)")
    List<SnapshotEntity> findLiveIn(@Param("project") String project);

    @Query("select s from SnapshotEntity s where s.volumeId = :volume"
            + " and s.status <> io.nubo.blockstorage.volume.snapshot.SnapshotStatus.DELETED order by s.createdAt")
    List<SnapshotEntity> findLiveOf(@Param("volume") String volumeId);

    @Query("select s from SnapshotEntity s where s.groupSnapshotId = :groupSnapshot"
            + " and s.status <> io.nubo.blockstorage.volume.snapshot.SnapshotStatus.DELETED order by s.createdAt")
    List<SnapshotEntity> findLiveOfGroupSnapshot(@Param("groupSnapshot") String groupSnapshotId);

    @Query("select count(s) from SnapshotEntity s where s.volumeId = :volume"
            + " and s.status <> io.nubo.blockstorage.volume.snapshot.SnapshotStatus.DELETED")
    long countLiveOf(@Param("volume") String volumeId);

    @Query("select count(s) from SnapshotEntity s where s.projectId = :project"
            + " and s.status <> io.nubo.blockstorage.volume.snapshot.SnapshotStatus.DELETED")
    long countLive(@Param("project") String project);

    @Query("select coalesce(sum(s.sizeGb), 0) from SnapshotEntity s where s.projectId = :project"
            + " and s.status <> io.nubo.blockstorage.volume.snapshot.SnapshotStatus.DELETED")
    long gigabytesUsed(@Param("project") String project);

    @Query("select s.id from SnapshotEntity s where s.status in :statuses")
    List<String> idsInStatus(@Param("statuses") Collection<SnapshotStatus> statuses);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update SnapshotEntity s set s.status = :to, s.updatedAt = :now, s.failure = :failure"
            + " where s.id = :id and s.status in :from")
    int swapStatus(@Param("id") String id, @Param("from") Collection<SnapshotStatus> from,
                   @Param("to") SnapshotStatus to, @Param("failure") String failure, @Param("now") Instant now);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update SnapshotEntity s set s.status = io.nubo.blockstorage.volume.snapshot.SnapshotStatus.DELETED,"
            + " s.deletedAt = :now, s.updatedAt = :now where s.id = :id"
            + " and s.status = io.nubo.blockstorage.volume.snapshot.SnapshotStatus.DELETING")
    int markDeleted(@Param("id") String id, @Param("now") Instant now);

    /** os-update_snapshot_status: status and progress together, only from {@code from}. */
    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update SnapshotEntity s set s.status = :to, s.progress = :progress, s.updatedAt = :now"
            + " where s.id = :id and s.status in :from")
    int swapStatusProgress(@Param("id") String id, @Param("from") Collection<SnapshotStatus> from,
                           @Param("to") SnapshotStatus to, @Param("progress") String progress,
                           @Param("now") Instant now);

    /** A volume transfer accepted: the volume's snapshots change owner with it (Cinder moves them too). */
    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update SnapshotEntity s set s.projectId = :project, s.userId = :user where s.volumeId = :volume"
            + " and s.status <> io.nubo.blockstorage.volume.snapshot.SnapshotStatus.DELETED")
    int moveWithVolume(@Param("volume") String volumeId, @Param("project") String project, @Param("user") String user);
}
