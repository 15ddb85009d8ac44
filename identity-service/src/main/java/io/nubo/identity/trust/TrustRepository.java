package io.nubo.identity.trust;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TrustRepository extends JpaRepository<TrustEntity, String> {

    List<TrustEntity> findByTrustorUserIdOrTrusteeUserId(String trustorUserId, String trusteeUserId);
}
