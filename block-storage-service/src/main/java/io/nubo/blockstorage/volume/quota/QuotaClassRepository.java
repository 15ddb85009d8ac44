package io.nubo.blockstorage.volume.quota;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface QuotaClassRepository extends JpaRepository<QuotaClassEntity, QuotaClassEntity.Key> {

    List<QuotaClassEntity> findByClassName(String className);
}
