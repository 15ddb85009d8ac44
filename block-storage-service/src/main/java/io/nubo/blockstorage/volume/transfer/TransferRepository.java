package io.nubo.blockstorage.volume.transfer;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TransferRepository extends JpaRepository<TransferEntity, String> {

    List<TransferEntity> findByProjectIdOrderByCreatedAt(String projectId);

    List<TransferEntity> findAllByOrderByCreatedAt();
}
