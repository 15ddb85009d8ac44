package io.nubo.metering.hashmap;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface GroupRepository extends JpaRepository<HashmapGroup, String> {
    Optional<HashmapGroup> findByName(String name);

    List<HashmapGroup> findAllByOrderByName();
}
