package io.nubo.blockstorage.volume.type;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface VolumeTypeRepository extends JpaRepository<VolumeTypeEntity, String> {

    Optional<VolumeTypeEntity> findByName(String name);
}
