package io.nubo.image.member;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MemberRepository extends JpaRepository<MemberEntity, MemberEntity.Key> {

    List<MemberEntity> findByImageIdOrderByCreatedAt(String imageId);

    Optional<MemberEntity> findByImageIdAndMemberId(String imageId, String memberId);

    List<MemberEntity> findByMemberId(String memberId);
}
