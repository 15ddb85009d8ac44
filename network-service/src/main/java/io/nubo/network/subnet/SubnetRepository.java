package io.nubo.network.subnet;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface SubnetRepository extends JpaRepository<SubnetEntity, String> {

    List<SubnetEntity> findByNetworkIdIn(Collection<String> networkIds);

    List<SubnetEntity> findByNetworkIdOrderByCreatedAt(String networkId);

    long countByProjectId(String projectId);

    List<SubnetEntity> findBySubnetpoolId(String subnetpoolId);
}
