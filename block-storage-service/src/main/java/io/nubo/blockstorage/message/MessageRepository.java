package io.nubo.blockstorage.message;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MessageRepository extends JpaRepository<MessageEntity, String> {

    List<MessageEntity> findByProjectIdAndGuaranteedUntilAfter(String projectId, Instant now);

    List<MessageEntity> findByGuaranteedUntilAfter(Instant now);
}
