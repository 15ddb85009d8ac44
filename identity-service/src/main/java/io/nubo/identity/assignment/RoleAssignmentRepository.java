package io.nubo.identity.assignment;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RoleAssignmentRepository extends JpaRepository<RoleAssignmentEntity, RoleAssignmentEntity.Key> {

    List<RoleAssignmentEntity> findByActorTypeAndActorIdAndTargetTypeAndTargetIdAndInherited(
            String actorType, String actorId, String targetType, String targetId, boolean inherited);

    List<RoleAssignmentEntity> findByActorTypeAndActorId(String actorType, String actorId);

    List<RoleAssignmentEntity> findByActorTypeAndActorIdIn(String actorType, Collection<String> actorIds);

    List<RoleAssignmentEntity> findByRoleId(String roleId);

    long deleteByTargetTypeAndTargetId(String targetType, String targetId);

    long deleteByActorTypeAndActorId(String actorType, String actorId);

    long deleteByRoleId(String roleId);
}
