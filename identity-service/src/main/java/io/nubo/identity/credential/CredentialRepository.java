package io.nubo.identity.credential;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CredentialRepository extends JpaRepository<CredentialEntity, String> {

    List<CredentialEntity> findByUserIdOrderById(String userId);

    List<CredentialEntity> findAllByOrderById();

    List<CredentialEntity> findByUserIdAndType(String userId, String type);

    long deleteByUserId(String userId);
}
