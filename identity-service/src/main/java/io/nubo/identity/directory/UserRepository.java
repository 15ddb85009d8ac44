package io.nubo.identity.directory;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UserRepository extends JpaRepository<UserEntity, String> {

    Optional<UserEntity> findByDomainIdAndName(String domainId, String name);

    List<UserEntity> findAllByOrderByName();

    List<UserEntity> findByDomainId(String domainId);
}
