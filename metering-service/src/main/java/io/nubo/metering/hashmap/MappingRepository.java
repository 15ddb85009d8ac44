package io.nubo.metering.hashmap;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface MappingRepository extends JpaRepository<HashmapMapping, String> {
    List<HashmapMapping> findByGroupId(String groupId);
}
