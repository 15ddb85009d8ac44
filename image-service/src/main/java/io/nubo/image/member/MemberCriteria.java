package io.nubo.image.member;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.util.ArrayList;
import java.util.List;

/** Membership as a criteria predicate, for queries of other features that list images by who may see them. */
public final class MemberCriteria {

    private MemberCriteria() {
    }

    /** The project is a member of the image whose id is {@code imageId} (with {@code status}, unless null). */
    public static Predicate isMember(Expression<String> imageId, String projectId, MemberStatus status,
                                     CriteriaQuery<?> query, CriteriaBuilder cb) {
        Subquery<Integer> sq = query.subquery(Integer.class);
        Root<MemberEntity> m = sq.from(MemberEntity.class);
        List<Predicate> on = new ArrayList<>(List.of(cb.equal(m.get("imageId"), imageId),
                cb.equal(m.get("memberId"), projectId)));
        if (status != null) {
            on.add(cb.equal(m.get("status"), status.wire()));
        }
        return cb.exists(sq.select(cb.literal(1)).where(on.toArray(Predicate[]::new)));
    }
}
