package io.nubo.identity.catalog;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface EndpointRepository extends JpaRepository<EndpointEntity, String> {

    List<EndpointEntity> findByServiceId(String serviceId);

    boolean existsByRegionId(String regionId);
}
