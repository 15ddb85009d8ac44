package io.nubo.identity.directory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProjectRepository extends JpaRepository<ProjectEntity, String> {

    Optional<ProjectEntity> findByDomainIdAndName(String domainId, String name);

    List<ProjectEntity> findByIdInOrderByName(Collection<String> ids);

    List<ProjectEntity> findAllByOrderByName();

    boolean existsByParentId(String parentId);

    List<ProjectEntity> findByParentId(String parentId);

    List<ProjectEntity> findByDomainId(String domainId);
}
