package io.nubo.image.metadef;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NamespaceRepository extends JpaRepository<NamespaceEntity, String> {

    List<NamespaceEntity> findAllByOrderByNamespace();
}
