package io.nubo.image.image;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ImageRepository extends JpaRepository<ImageEntity, String> {

    @Query("select i from ImageEntity i where i.id = :id and i.status <> io.nubo.image.image.ImageStatus.DELETED")
    Optional<ImageEntity> findLive(@Param("id") String id);

    @Query("select count(i) from ImageEntity i where i.owner = :owner and i.status <> io.nubo.image.image.ImageStatus.DELETED")
    long countLive(@Param("owner") String owner);

    @Query("select coalesce(sum(i.size), 0) from ImageEntity i where i.owner = :owner"
            + " and i.status <> io.nubo.image.image.ImageStatus.DELETED")
    long bytesUsed(@Param("owner") String owner);

    @Query("select count(i) from ImageEntity i where i.owner = :owner and i.status in :statuses")
    long countInStatus(@Param("owner") String owner, @Param("statuses") Collection<ImageStatus> statuses);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update ImageEntity i set i.status = :to, i.updatedAt = :now where i.id = :id and i.status in :from")
    int swapStatus(@Param("id") String id, @Param("from") Collection<ImageStatus> from, @Param("to") ImageStatus to,
                   @Param("now") Instant now);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update ImageEntity i set i.status = :to, i.updatedAt = :now, i.size = :size,"
            + " i.virtualSize = :virtualSize, i.checksum = :checksum,"
            + " i.osHashAlgo = :algo, i.osHashValue = :hash, i.storeName = :store, i.location = :location,"
            + " i.stagedLocation = null where i.id = :id and i.status = :from")
    int swapToStored(@Param("id") String id, @Param("from") ImageStatus from, @Param("to") ImageStatus to,
                     @Param("size") long size, @Param("virtualSize") Long virtualSize,
                     @Param("checksum") String checksum, @Param("algo") String algo,
                     @Param("hash") String hash, @Param("store") String store, @Param("location") String location,
                     @Param("now") Instant now);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update ImageEntity i set i.stagedLocation = :location, i.size = :size, i.updatedAt = :now"
            + " where i.id = :id and i.status = io.nubo.image.image.ImageStatus.UPLOADING")
    int recordStaged(@Param("id") String id, @Param("location") String location, @Param("size") Long size,
                     @Param("now") Instant now);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update ImageEntity i set i.status = io.nubo.image.image.ImageStatus.DELETED, i.deletedAt = :now,"
            + " i.updatedAt = :now where i.id = :id and i.status in :from")
    int markDeleted(@Param("id") String id, @Param("from") Collection<ImageStatus> from, @Param("now") Instant now);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update ImageEntity i set i.status = :to, i.updatedAt = :now, i.workLeaseUntil = :leaseUntil,"
            + " i.workLeaseHolder = :holder where i.id = :id and i.status in :from")
    int swapStatusLeased(@Param("id") String id, @Param("from") Collection<ImageStatus> from,
                         @Param("to") ImageStatus to, @Param("now") Instant now,
                         @Param("leaseUntil") Instant leaseUntil, @Param("holder") String holder);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update ImageEntity i set i.workLeaseUntil = :leaseUntil where i.id in :ids and i.status in :working")
    int renewLeases(@Param("ids") Collection<String> ids, @Param("working") Collection<ImageStatus> working,
                    @Param("leaseUntil") Instant leaseUntil);

    @Query("select i.id from ImageEntity i where i.id in :ids and i.status in :working")
    List<String> stillWorking(@Param("ids") Collection<String> ids, @Param("working") Collection<ImageStatus> working);

    /**
     * Images left uploading or importing go back to queued: those whose lease ran out (or that never had one), and
     * those whose lease {@code self} took or renewed before it started ({@code lease < takenBefore}): an earlier
     * life of this instance, which died.
     */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update ImageEntity i set i.status = io.nubo.image.image.ImageStatus.QUEUED, i.stagedLocation = null,"
            + " i.size = null, i.updatedAt = :now, i.workLeaseUntil = null, i.workLeaseHolder = null"
            + " where i.status in :stuck and (i.workLeaseUntil is null or i.workLeaseUntil < :now"
            + " or (i.workLeaseHolder = :self and i.workLeaseUntil < :takenBefore))")
    int requeueStuck(@Param("stuck") Collection<ImageStatus> stuck, @Param("now") Instant now,
                     @Param("self") String self, @Param("takenBefore") Instant takenBefore);

    /** Makes another location the first (the one reads use), if the first is still {@code from}. */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update ImageEntity i set i.storeName = :store, i.location = :location where i.id = :id"
            + " and i.location = :from and i.status in (io.nubo.image.image.ImageStatus.ACTIVE,"
            + " io.nubo.image.image.ImageStatus.DEACTIVATED)")
    int swapFirstLocation(@Param("id") String id, @Param("from") String from, @Param("store") String store,
                          @Param("location") String location);
}
