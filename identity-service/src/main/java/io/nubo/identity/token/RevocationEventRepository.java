package io.nubo.identity.token;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RevocationEventRepository extends JpaRepository<RevocationEventEntity, Long> {

    List<RevocationEventEntity> findByIssuedBeforeAfter(Instant horizon);
}
