package io.nubo.identity.group;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface GroupRepository extends JpaRepository<GroupEntity, String> {

    Optional<GroupEntity> findByDomainIdAndName(String domainId, String name);

    List<GroupEntity> findAllByOrderByName();

    List<GroupEntity> findByIdInOrderByName(Collection<String> ids);

    List<GroupEntity> findByDomainId(String domainId);
}
