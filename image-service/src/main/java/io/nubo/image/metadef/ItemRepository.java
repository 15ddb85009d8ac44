package io.nubo.image.metadef;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ItemRepository extends JpaRepository<ItemEntity, ItemEntity.Key> {

    List<ItemEntity> findByNamespaceAndKindOrderByName(String namespace, String kind);

    void deleteByNamespaceAndKind(String namespace, String kind);
}
