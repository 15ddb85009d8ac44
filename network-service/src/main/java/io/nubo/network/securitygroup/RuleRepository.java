package io.nubo.network.securitygroup;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface RuleRepository extends JpaRepository<RuleEntity, String> {

    List<RuleEntity> findBySecurityGroupIdIn(Collection<String> groupIds);

    List<RuleEntity> findByProjectId(String projectId);

    long countByProjectId(String projectId);
}
