package io.nubo.objectstore.object;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface ObjectRepository extends JpaRepository<ObjectEntity, String> {

    Optional<ObjectEntity> findByContainerIdAndName(String containerId, String name);

    /** The row locked for the rest of the transaction ({@code FOR UPDATE}): writers of one object take turns. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from ObjectEntity o where o.containerId = ?1 and o.name = ?2")
    Optional<ObjectEntity> lockByContainerIdAndName(String containerId, String name);

    List<ObjectEntity> findByContainerIdAndNameGreaterThanOrderByNameAsc(String containerId, String after, Limit limit);

    List<ObjectEntity> findByContainerIdAndNameLessThanOrderByNameDesc(String containerId, String before, Limit limit);

    /** A page of listing rows after {@code after}, in name order (from ix_objects_listing alone). */
    @Query("select new io.nubo.objectstore.object.ListingRow(o.name, o.etag, o.sizeBytes, o.contentType, o.modifiedAt,"
            + " o.deleteAt) from ObjectEntity o where o.containerId = ?1 and o.name > ?2 order by o.name asc")
    List<ListingRow> listingAfter(String containerId, String after, Limit limit);

    /** A page of listing rows before {@code before}, in reverse name order. */
    @Query("select new io.nubo.objectstore.object.ListingRow(o.name, o.etag, o.sizeBytes, o.contentType, o.modifiedAt,"
            + " o.deleteAt) from ObjectEntity o where o.containerId = ?1 and o.name < ?2 order by o.name desc")
    List<ListingRow> listingBefore(String containerId, String before, Limit limit);

    List<ObjectEntity> findByDeleteAtLessThanEqual(long now, Limit limit);

    boolean existsByContainerId(String containerId);

    List<ObjectEntity> findByContainerIdAndDeleteAtLessThanEqual(String containerId, long now);

    /** Object count and bytes of a container. */
    @Query("select count(o), coalesce(sum(o.sizeBytes), 0) from ObjectEntity o where o.containerId = ?1")
    List<Object[]> usageOfContainer(String containerId);

    /** Object count and bytes of an account. */
    @Query("select count(o), coalesce(sum(o.sizeBytes), 0) from ObjectEntity o, io.nubo.objectstore.container."
            + "ContainerEntity c where o.containerId = c.id and c.account = ?1")
    List<Object[]> usageOfAccount(String account);

    /** Which of {@code keys} an object still names. */
    @Query("select o.blobKey from ObjectEntity o where o.blobKey in ?1")
    List<String> namedBlobs(java.util.Collection<String> keys);
}
