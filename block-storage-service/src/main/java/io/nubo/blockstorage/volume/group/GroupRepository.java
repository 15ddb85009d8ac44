package io.nubo.blockstorage.volume.group;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface GroupRepository extends JpaRepository<GroupEntity, String> {

    List<GroupEntity> findAllByOrderByCreatedAt();

    List<GroupEntity> findByProjectIdOrderByCreatedAt(String projectId);

    boolean existsByGroupTypeId(String groupTypeId);
}
