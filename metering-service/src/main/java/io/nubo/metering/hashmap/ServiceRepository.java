package io.nubo.metering.hashmap;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ServiceRepository extends JpaRepository<HashmapService, String> {
    Optional<HashmapService> findByName(String name);

    List<HashmapService> findAllByOrderByName();
}
