package io.nubo.network.port;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PortRepository extends JpaRepository<PortEntity, String> {

    List<PortEntity> findByNetworkId(String networkId);

    List<PortEntity> findByDeviceId(String deviceId);

    List<PortEntity> findByDeviceOwner(String deviceOwner);

    List<PortEntity> findByProjectIdOrNetworkIdIn(String projectId, java.util.Collection<String> networkIds);

    boolean existsByNetworkIdAndMacAddress(String networkId, String macAddress);

    long countByProjectId(String projectId);

    List<PortEntity> findByHostIdNot(String hostId);

    List<PortEntity> findByHostId(String hostId);

    @Query("select distinct p from PortEntity p join p.securityGroups g where g in ?1")
    List<PortEntity> inGroups(java.util.Collection<String> securityGroupIds);

    @Query("select count(p) > 0 from PortEntity p join p.securityGroups g where g = ?1")
    boolean usesGroup(String securityGroupId);
}
