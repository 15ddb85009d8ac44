package io.nubo.blockstorage.volume.backup;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface BackupRepository extends JpaRepository<BackupEntity, String> {

    @Query("select b from BackupEntity b where b.id = :id"
            + " and b.status <> io.nubo.blockstorage.volume.backup.BackupStatus.DELETED")
    Optional<BackupEntity> findLive(@Param("id") String id);

    @Query("select b from BackupEntity b where b.status <> io.nubo.blockstorage.volume.backup.BackupStatus.DELETED"
            + " and (:project is null or b.projectId = :project) order by b.createdAt")
    List<BackupEntity> findLiveIn(@Param("project") String project);

    @Query("select count(b), coalesce(sum(b.sizeGb), 0) from BackupEntity b where b.projectId = :project"
            + " and b.status <> io.nubo.blockstorage.volume.backup.BackupStatus.DELETED")
    List<Object[]> usage(@Param("project") String project);

    @Query("select b.id from BackupEntity b where b.status in :statuses")
    List<String> idsInStatus(@Param("statuses") Collection<BackupStatus> statuses);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update BackupEntity b set b.status = :to, b.updatedAt = :now, b.failure = :failure"
            + " where b.id = :id and b.status in :from")
    int swapStatus(@Param("id") String id, @Param("from") Collection<BackupStatus> from,
                   @Param("to") BackupStatus to, @Param("failure") String failure, @Param("now") Instant now);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update BackupEntity b set b.status = io.nubo.blockstorage.volume.backup.BackupStatus.AVAILABLE,"
            + " b.objectCount = :objects, b.updatedAt = :now, b.failure = null where b.id = :id"
            + " and b.status = io.nubo.blockstorage.volume.backup.BackupStatus.CREATING")
    int created(@Param("id") String id, @Param("objects") int objects, @Param("now") Instant now);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update BackupEntity b set b.status = io.nubo.blockstorage.volume.backup.BackupStatus.RESTORING,"
            + " b.restoreVolumeId = :volume, b.updatedAt = :now where b.id = :id"
            + " and b.status = io.nubo.blockstorage.volume.backup.BackupStatus.AVAILABLE")
    int beginRestore(@Param("id") String id, @Param("volume") String volumeId, @Param("now") Instant now);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update BackupEntity b set b.status = io.nubo.blockstorage.volume.backup.BackupStatus.DELETED,"
            + " b.deletedAt = :now, b.updatedAt = :now where b.id = :id"
            + " and b.status = io.nubo.blockstorage.volume.backup.BackupStatus.DELETING")
    int markDeleted(@Param("id") String id, @Param("now") Instant now);
}
