package io.nubo.compute.keypair;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface KeyPairRepository extends JpaRepository<KeyPairEntity, Long> {

    Optional<KeyPairEntity> findByUserIdAndName(String userId, String name);

    List<KeyPairEntity> findByUserIdOrderByName(String userId);

    long countByUserId(String userId);
}
