package io.nubo.identity.group;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface GroupMemberRepository extends JpaRepository<GroupMemberEntity, GroupMemberEntity.Key> {

    List<GroupMemberEntity> findByUserId(String userId);

    List<GroupMemberEntity> findByGroupId(String groupId);

    long deleteByGroupId(String groupId);

    long deleteByUserId(String userId);
}
