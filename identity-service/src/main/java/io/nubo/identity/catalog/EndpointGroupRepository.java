package io.nubo.identity.catalog;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface EndpointGroupRepository extends JpaRepository<EndpointGroupEntity, String> {

    List<EndpointGroupEntity> findByProjectIdsContains(String projectId);
}
