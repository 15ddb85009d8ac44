package io.nubo.identity.appcred;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApplicationCredentialRepository extends JpaRepository<ApplicationCredentialEntity, String> {

    List<ApplicationCredentialEntity> findByUserIdOrderByName(String userId);

    Optional<ApplicationCredentialEntity> findByUserIdAndName(String userId, String name);

    boolean existsByAccessRuleIdsContains(String accessRuleId);
}
