package io.nubo.identity.domainconfig;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DomainConfigRepository extends JpaRepository<DomainConfigEntity, DomainConfigEntity.Key> {

    List<DomainConfigEntity> findByDomainId(String domainId);

    long deleteByDomainId(String domainId);
}
