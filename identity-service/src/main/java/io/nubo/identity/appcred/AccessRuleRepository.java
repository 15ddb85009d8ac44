package io.nubo.identity.appcred;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AccessRuleRepository extends JpaRepository<AccessRuleEntity, String> {

    List<AccessRuleEntity> findByUserIdOrderById(String userId);

    List<AccessRuleEntity> findByIdIn(Collection<String> ids);

    Optional<AccessRuleEntity> findByUserIdAndServiceAndPathAndMethod(String userId, String service, String path,
                                                                       String method);

    long deleteByUserId(String userId);
}
