package io.nubo.metering.hashmap;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface FieldRepository extends JpaRepository<HashmapField, String> {
    List<HashmapField> findByServiceIdOrderByName(String serviceId);

    Optional<HashmapField> findByServiceIdAndName(String serviceId, String name);
}
