package io.nubo.identity.assignment;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RoleAssignmentRepository extends JpaRepository<RoleAssignmentEntity, RoleAssignmentEntity.Key> {

    List<RoleAssignmentEntity> findByActorTypeAndActorIdAndTargetTypeAndTargetId(String actorType, String actorId,
                                                                                  String targetType, String targetId);

    long deleteByTargetTypeAndTargetId(String targetType, String targetId);

    long deleteByActorTypeAndActorId(String actorType, String actorId);

    long deleteByRoleId(String roleId);

    List<RoleAssignmentEntity> findByActorTypeAndActorIdAndTargetType(String actorType, String actorId,
                                                                      String targetType);
}
