package io.nubo.network.network;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface NetworkRepository extends JpaRepository<NetworkEntity, String> {

    @Query("select n from NetworkEntity n where n.projectId = ?1 or n.shared = true or n.external = true")
    List<NetworkEntity> findVisible(String projectId);

    @Query("select n.id from NetworkEntity n where n.projectId = ?1")
    List<String> findIdsByProjectId(String projectId);

    long countByProjectId(String projectId);

    boolean existsByNetworkTypeAndSegmentationId(String networkType, Integer segmentationId);
}
