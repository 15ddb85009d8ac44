package io.nubo.network.router;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface RouterRepository extends JpaRepository<RouterEntity, String> {

    List<RouterEntity> findByProjectId(String projectId);

    List<RouterEntity> findByGwNetworkId(String networkId);

    long countByProjectId(String projectId);
}
