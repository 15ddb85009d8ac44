package io.nubo.blockstorage.volume.attachment;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface AttachmentRepository extends JpaRepository<AttachmentEntity, String> {

    @Query("select a from AttachmentEntity a where a.volumeId in :volumes"
            + " and a.attachStatus <> io.nubo.blockstorage.volume.attachment.AttachStatus.DETACHED order by a.createdAt")
    List<AttachmentEntity> findLiveOf(@Param("volumes") Collection<String> volumeIds);

    @Query("select a from AttachmentEntity a where a.volumeId = :volume"
            + " and a.attachStatus <> io.nubo.blockstorage.volume.attachment.AttachStatus.DETACHED order by a.createdAt")
    List<AttachmentEntity> findLiveOf(@Param("volume") String volumeId);

    @Query("select a from AttachmentEntity a where a.projectId = :project"
            + " and a.attachStatus <> io.nubo.blockstorage.volume.attachment.AttachStatus.DETACHED order by a.createdAt")
    List<AttachmentEntity> findLiveIn(@Param("project") String projectId);

    @Query("select a from AttachmentEntity a"
            + " where a.attachStatus <> io.nubo.blockstorage.volume.attachment.AttachStatus.DETACHED order by a.createdAt")
    List<AttachmentEntity> findAllLive();
}
