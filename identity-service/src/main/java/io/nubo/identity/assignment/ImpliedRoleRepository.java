package io.nubo.identity.assignment;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ImpliedRoleRepository extends JpaRepository<ImpliedRoleEntity, ImpliedRoleEntity.Key> {

    List<ImpliedRoleEntity> findByPriorRoleId(String priorRoleId);

    long deleteByPriorRoleId(String roleId);

    long deleteByImpliedRoleId(String roleId);
}
