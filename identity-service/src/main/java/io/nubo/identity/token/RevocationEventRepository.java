package io.nubo.identity.token;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface RevocationEventRepository extends JpaRepository<RevocationEventEntity, Long> {

    List<RevocationEventEntity> findByIssuedBeforeAfter(Instant horizon);

    /**
     * The events that could revoke a token issued at {@code issuedAt}: those naming one of its audit ids, its user,
     * its project or one of its domains (the caller then matches every field, as {@code RevocationList} does).
     */
    @Query("SELECT e FROM RevocationEventEntity e WHERE e.issuedBefore >= :issuedAt AND (e.auditId IN :auditIds "
            + "OR e.auditChainId IN :auditIds OR e.userId = :userId OR e.projectId = :projectId "
            + "OR e.domainId IN :domainIds)")
    List<RevocationEventEntity> candidatesFor(@Param("issuedAt") Instant issuedAt,
                                              @Param("auditIds") Collection<String> auditIds,
                                              @Param("userId") String userId, @Param("projectId") String projectId,
                                              @Param("domainIds") Collection<String> domainIds);
}
