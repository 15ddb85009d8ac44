package io.nubo.metering.hashmap;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ThresholdRepository extends JpaRepository<HashmapThreshold, String> {
    List<HashmapThreshold> findByGroupId(String groupId);
}
