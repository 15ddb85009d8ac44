package io.nubo.network.securitygroup;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface SecurityGroupRepository extends JpaRepository<SecurityGroupEntity, String> {

    List<SecurityGroupEntity> findByProjectId(String projectId);

    long countByProjectId(String projectId);
}
