package io.nubo.blockstorage.group;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface GroupTypeRepository extends JpaRepository<GroupTypeEntity, String> {

    Optional<GroupTypeEntity> findByName(String name);

    List<GroupTypeEntity> findAllByOrderByCreatedAt();
}
