package io.nubo.network.floatingip;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface FloatingIpRepository extends JpaRepository<FloatingIpEntity, String> {

    List<FloatingIpEntity> findByProjectId(String projectId);

    List<FloatingIpEntity> findByPortId(String portId);

    List<FloatingIpEntity> findByRouterId(String routerId);

    List<FloatingIpEntity> findByFloatingNetworkId(String networkId);

    long countByProjectId(String projectId);
}
