package io.nubo.identity.directory;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DomainRepository extends JpaRepository<DomainEntity, String> {

    Optional<DomainEntity> findByName(String name);

    List<DomainEntity> findAllByOrderByName();
}
