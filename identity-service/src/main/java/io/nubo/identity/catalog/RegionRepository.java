package io.nubo.identity.catalog;

import org.springframework.data.jpa.repository.JpaRepository;

public interface RegionRepository extends JpaRepository<RegionEntity, String> {

    boolean existsByParentRegionId(String parentRegionId);
}
