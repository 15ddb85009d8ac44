package io.nubo.objectstore.container;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ContainerRepository extends JpaRepository<ContainerEntity, String> {

    Optional<ContainerEntity> findByAccountAndName(String account, String name);

    List<ContainerEntity> findByAccountAndNameGreaterThanOrderByNameAsc(String account, String after, Limit limit);

    List<ContainerEntity> findByAccountAndNameLessThanOrderByNameDesc(String account, String before, Limit limit);

    long countByAccount(String account);

    /** Per container of an account: id, object count, bytes. */
    @Query("select o.containerId, count(o), coalesce(sum(o.sizeBytes), 0) from ObjectEntity o, ContainerEntity c "
            + "where o.containerId = c.id and c.account = ?1 group by o.containerId")
    List<Object[]> usageByContainer(String account);
}
