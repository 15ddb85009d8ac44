package io.nubo.blockstorage.volume.quota;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface QuotaRepository extends JpaRepository<QuotaEntity, QuotaEntity.Key> {

    List<QuotaEntity> findByProjectId(String projectId);
}
