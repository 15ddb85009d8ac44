package io.nubo.blockstorage.backend;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ServiceStateRepository extends JpaRepository<ServiceStateEntity, ServiceStateEntity.Key> {
}
