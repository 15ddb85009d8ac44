package io.nubo.image.image;

import io.nubo.image.member.MemberCriteria;
import io.nubo.image.member.MemberStatus;
import io.nubo.image.web.Caller;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Nulls;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code GET /v2/images} in the database: visibility, filters, order and the page after a marker are one query
 * that reads {@code limit + 1} rows, whatever the number of images (Glance's sqlalchemy driver pages the same
 * way). The marker is a keyset: the rows strictly after the marker image's values in the (total) sort order, so
 * a marker that the filters exclude still names its place.
 */
@Component
class ImageListing {

    private final EntityManager em;

    ImageListing(EntityManager em) {
        this.em = em;
    }

    /** The page; {@code marker} is the marker image (visible to the caller) or null. */
    ImageService.Page page(ImageListQuery q, Caller caller, ImageEntity marker) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<ImageEntity> cq = cb.createQuery(ImageEntity.class);
        Root<ImageEntity> image = cq.from(ImageEntity.class);
        ImageListQuery.Subqueries subqueries = () -> cq.subquery(Integer.class);
        List<Predicate> where = new ArrayList<>();
        where.add(cb.notEqual(image.get("status"), ImageStatus.DELETED));
        where.add(visibility(q, caller, image, cq, cb));
        if (!Boolean.TRUE.equals(q.osHidden)) {
            where.add(cb.isFalse(image.get("osHidden")));
        }
        for (ImageListQuery.Criterion f : q.filters) {
            where.add(f.on(image, subqueries, cb));
        }
        if (marker != null) {
            where.add(after(q.order, marker, image, cb));
        }
        List<Order> orderBy = new ArrayList<>();
        for (ImageListQuery.Order o : q.order) {
            Path<?> key = image.get(o.key().attribute());
            orderBy.add(o.ascending() ? cb.asc(key, Nulls.LAST) : cb.desc(key, Nulls.FIRST));
        }
        cq.select(image).where(where.toArray(Predicate[]::new)).orderBy(orderBy);
        List<ImageEntity> rows = em.createQuery(cq).setMaxResults(q.limit + 1).getResultList();
        boolean more = rows.size() > q.limit;
        return new ImageService.Page(List.copyOf(more ? rows.subList(0, q.limit) : rows), more);
    }

    /**
     * Who sees what, as Glance lists it: with no {@code visibility} asked, public images, one's own (community
     * ones only if one's own), shared images one is a member of with the asked member status, and for an admin
     * every private image and every shared image (of which the admin's project is not a member, or any with
     * {@code member_status=all}).
     */
    private static Predicate visibility(ImageListQuery q, Caller caller, Root<ImageEntity> image,
                                        CriteriaQuery<?> cq, CriteriaBuilder cb) {
        Path<Visibility> vis = image.get("visibility");
        Predicate owned = caller.projectId() == null ? cb.disjunction() : cb.equal(image.get("owner"), caller.projectId());
        Predicate member = membership(caller, null, image, cq, cb);
        Predicate sharedWithMe = cb.and(cb.equal(vis, Visibility.SHARED),
                q.memberStatus.equals("all") ? member : membership(caller, q.memberStatus, image, cq, cb));
        Predicate admin = caller.admin() ? cb.conjunction() : cb.disjunction();
        Predicate ownedOrAdmin = cb.or(owned, admin);
        if (q.visibility == null) {
            Predicate sharedAdmin = caller.admin() && q.memberStatus.equals("all") ? cb.conjunction()
                    : caller.admin() ? cb.not(member) : cb.disjunction();
            return cb.or(cb.equal(vis, Visibility.PUBLIC),
                    cb.and(cb.equal(vis, Visibility.COMMUNITY), owned),
                    cb.and(cb.equal(vis, Visibility.SHARED), cb.or(owned, sharedWithMe, sharedAdmin)),
                    cb.and(cb.equal(vis, Visibility.PRIVATE), ownedOrAdmin));
        }
        Predicate listable = cb.or(admin, owned, vis.in(Visibility.PUBLIC, Visibility.COMMUNITY), member);
        Predicate chosen = switch (q.visibility) {
            case "public" -> cb.equal(vis, Visibility.PUBLIC);
            case "community" -> cb.equal(vis, Visibility.COMMUNITY);
            case "private" -> cb.and(cb.equal(vis, Visibility.PRIVATE), ownedOrAdmin);
            case "shared" -> cb.and(cb.equal(vis, Visibility.SHARED),
                    cb.or(sharedWithMe, cb.and(cb.not(member), ownedOrAdmin)));
            default -> cb.or(cb.notEqual(vis, Visibility.SHARED), ownedOrAdmin, sharedWithMe);
        };
        return cb.and(listable, chosen);
    }

    /** The caller's project is a member of the image (with that status, when one is given). */
    private static Predicate membership(Caller caller, String status, Root<ImageEntity> image, CriteriaQuery<?> cq,
                                        CriteriaBuilder cb) {
        if (caller.projectId() == null) {
            return cb.disjunction();
        }
        return MemberCriteria.isMember(image.get("id"), caller.projectId(),
                status == null ? null : MemberStatus.fromWire(status), cq, cb);
    }

    /**
     * The rows strictly after the marker in the order: for the first key where a row differs from the marker,
     * it comes later. Ascending keys put nulls last and descending ones first, as {@link #page} orders them.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate after(List<ImageListQuery.Order> order, ImageEntity marker, Root<ImageEntity> image,
                                   CriteriaBuilder cb) {
        List<Predicate> any = new ArrayList<>();
        List<Predicate> tiesSoFar = new ArrayList<>();
        for (ImageListQuery.Order o : order) {
            Expression<Comparable> key = image.get(o.key().attribute());
            Comparable m = o.key().value().apply(marker);
            Predicate later;
            Predicate tie;
            if (m == null) {
                later = o.ascending() ? cb.disjunction() : cb.isNotNull(key);
                tie = cb.isNull(key);
            } else {
                later = o.ascending() ? cb.or(cb.greaterThan(key, m), cb.isNull(key)) : cb.lessThan(key, m);
                tie = cb.equal(key, m);
            }
            List<Predicate> clause = new ArrayList<>(tiesSoFar);
            clause.add(later);
            any.add(cb.and(clause.toArray(Predicate[]::new)));
            tiesSoFar.add(tie);
        }
        return cb.or(any.toArray(Predicate[]::new));
    }
}
