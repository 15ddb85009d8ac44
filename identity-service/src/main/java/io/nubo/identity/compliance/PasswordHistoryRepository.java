package io.nubo.identity.compliance;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PasswordHistoryRepository extends JpaRepository<PasswordHistoryEntity, Long> {

    List<PasswordHistoryEntity> findByUserIdOrderByCreatedAtDescIdDesc(String userId, Pageable page);

    long deleteByUserId(String userId);
}
