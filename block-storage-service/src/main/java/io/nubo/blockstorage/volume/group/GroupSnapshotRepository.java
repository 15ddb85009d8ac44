package io.nubo.blockstorage.volume.group;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface GroupSnapshotRepository extends JpaRepository<GroupSnapshotEntity, String> {

    /** Cinder's default order: newest first. */
    List<GroupSnapshotEntity> findByProjectIdOrderByCreatedAtDescIdDesc(String projectId);

    boolean existsByGroupId(String groupId);

    List<GroupSnapshotEntity> findByStatusIn(Collection<GroupSnapshotStatus> statuses);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update GroupSnapshotEntity g set g.status = :to, g.updatedAt = :now where g.id = :id and g.status in :from")
    int swapStatus(@Param("id") String id, @Param("from") Collection<GroupSnapshotStatus> from,
                   @Param("to") GroupSnapshotStatus to, @Param("now") Instant now);

    @Transactional
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("delete from GroupSnapshotEntity g where g.id = :id"
            + " and g.status = io.nubo.blockstorage.volume.group.GroupSnapshotStatus.DELETING")
    int deleteIfDeleting(@Param("id") String id);
}
