package io.nubo.blockstorage.volume.qos;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface QosSpecsRepository extends JpaRepository<QosSpecsEntity, String> {

    Optional<QosSpecsEntity> findByName(String name);
}
