package io.nubo.blockstorage.volume;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface VolumeRepository extends JpaRepository<VolumeEntity, String> {

    @Query("select v from VolumeEntity v where v.id = :id and v.status <> io.nubo.blockstorage.volume.VolumeStatus.DELETED")
    Optional<VolumeEntity> findLive(@Param("id") String id);

    /** The live volumes of a generic group (3.13). */
    @Query("select v from VolumeEntity v where v.status <> io.nubo.blockstorage.volume.VolumeStatus.DELETED"
            + " and v.groupId = :group order by v.createdAt")
    List<VolumeEntity> findLiveInGroup(@Param("group") String group);

    @Query("select v from VolumeEntity v where v.status <> io.nubo.blockstorage.volume.VolumeStatus.DELETED"
            + " and (:project is null or v.projectId = :project)")
    List<VolumeEntity> findLiveIn(@Param("project") String project);

    /** Volumes counted by the quota: not one being managed or that failed to be (Cinder commits its quota later). */
    @Query("select count(v) from VolumeEntity v where v.projectId = :project"
            + " and v.status not in (io.nubo.blockstorage.volume.VolumeStatus.DELETED,"
            + " io.nubo.blockstorage.volume.VolumeStatus.MANAGING,"
            + " io.nubo.blockstorage.volume.VolumeStatus.ERROR_MANAGING)")
    long countLive(@Param("project") String project);

    @Query("select coalesce(sum(v.sizeGb), 0) from VolumeEntity v where v.projectId = :project"
            + " and v.status <> io.nubo.blockstorage.volume.VolumeStatus.DELETED")
    long gigabytesUsed(@Param("project") String project);

    @Query("select count(v) from VolumeEntity v where v.volumeTypeId = :type"
            + " and v.status <> io.nubo.blockstorage.volume.VolumeStatus.DELETED")
    long countOfType(@Param("type") String type);

    @Query("select count(v), coalesce(sum(v.sizeGb), 0) from VolumeEntity v where v.projectId = :project"
            + " and v.volumeTypeId = :type and v.status <> io.nubo.blockstorage.volume.VolumeStatus.DELETED")
    List<Object[]> usageOfType(@Param("project") String project, @Param("type") String typeId);

    @Query("select v.id from VolumeEntity v where v.status in :statuses")
    List<String> idsInStatus(@Param("statuses") Collection<VolumeStatus> statuses);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update VolumeEntity v set v.status = :to, v.updatedAt = :now, v.failure = null"
            + " where v.id = :id and v.status in :from")
    int swapStatus(@Param("id") String id, @Param("from") Collection<VolumeStatus> from,
                   @Param("to") VolumeStatus to, @Param("now") Instant now);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update VolumeEntity v set v.status = :to, v.updatedAt = :now, v.failure = :failure"
            + " where v.id = :id and v.status in :from")
    int swapStatusFailed(@Param("id") String id, @Param("from") Collection<VolumeStatus> from,
                         @Param("to") VolumeStatus to, @Param("failure") String failure, @Param("now") Instant now);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update VolumeEntity v set v.status = :to, v.sizeGb = :size, v.updatedAt = :now, v.failure = null"
            + " where v.id = :id and v.status in :from")
    int swapStatusAndSize(@Param("id") String id, @Param("from") Collection<VolumeStatus> from,
                          @Param("to") VolumeStatus to, @Param("size") int size, @Param("now") Instant now);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update VolumeEntity v set v.status = io.nubo.blockstorage.volume.VolumeStatus.DELETED,"
            + " v.deletedAt = :now, v.updatedAt = :now where v.id = :id"
            + " and v.status = io.nubo.blockstorage.volume.VolumeStatus.DELETING")
    int markDeleted(@Param("id") String id, @Param("now") Instant now);

    /** os-retype within one backend: the type changes only while the volume is still in one of {@code from}. */
    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update VolumeEntity v set v.volumeTypeId = :type, v.updatedAt = :now where v.id = :id and v.status in :from")
    int swapType(@Param("id") String id, @Param("from") Collection<VolumeStatus> from, @Param("type") String type,
                 @Param("now") Instant now);

    /** A transfer accepted: the volume changes owner and becomes available again, only if still awaiting-transfer. */
    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update VolumeEntity v set v.projectId = :project, v.userId = :user, v.updatedAt = :now,"
            + " v.status = io.nubo.blockstorage.volume.VolumeStatus.AVAILABLE where v.id = :id"
            + " and v.status = io.nubo.blockstorage.volume.VolumeStatus.AWAITING_TRANSFER")
    int acceptTransfer(@Param("id") String id, @Param("project") String project, @Param("user") String user,
                       @Param("now") Instant now);
}
