package io.nubo.blockstorage.volume.group;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface GroupRepository extends JpaRepository<GroupEntity, String> {

    List<GroupEntity> findAllByOrderByCreatedAt();

    List<GroupEntity> findByProjectIdOrderByCreatedAt(String projectId);

    boolean existsByGroupTypeId(String groupTypeId);

    List<GroupEntity> findByStatus(String status);

    boolean existsByGroupSnapshotIdAndStatus(String groupSnapshotId, String status);

    boolean existsBySourceGroupIdAndStatus(String sourceGroupId, String status);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update GroupEntity g set g.status = :to, g.updatedAt = :now where g.id = :id and g.status in :from")
    int swapStatus(@Param("id") String id, @Param("from") Collection<String> from, @Param("to") String to,
                   @Param("now") Instant now);

    /** 3.38: the group's replication status and status, only if its replication status is still one of {@code from}. */
    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update GroupEntity g set g.replicationStatus = :to, g.status = :status, g.updatedAt = :now"
            + " where g.id = :id and g.replicationStatus in :from")
    int swapReplicationStatus(@Param("id") String id, @Param("from") Collection<String> from, @Param("to") String to,
                              @Param("status") String status, @Param("now") Instant now);
}
