package io.nubo.identity.directory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RoleRepository extends JpaRepository<RoleEntity, String> {

    Optional<RoleEntity> findByDomainIdAndName(String domainId, String name);

    List<RoleEntity> findByIdIn(Collection<String> ids);

    List<RoleEntity> findAllByOrderByName();
}
