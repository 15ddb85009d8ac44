package io.nubo.compute.flavor;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface FlavorRepository extends JpaRepository<FlavorEntity, String> {

    boolean existsByName(String name);

    /**
     * Nova's flavor_get_all: public flavors (when {@code isPublic} is true, plus those shared with {@code project}),
     * private ones (false), or all (null), above the minimums.
     */
    @Query("SELECT DISTINCT f FROM FlavorEntity f LEFT JOIN f.projects p WHERE f.ramMb >= :minRam AND f.diskGb >= :minDisk"
            + " AND (:includeDisabled = TRUE OR f.disabled = FALSE)"
            + " AND (:mode = 'all' OR (:mode = 'private' AND f.isPublic = FALSE)"
            + "      OR (:mode = 'public' AND (f.isPublic = TRUE OR p = :project)))")
    List<FlavorEntity> search(@Param("mode") String mode, @Param("project") String project,
                              @Param("minRam") int minRam, @Param("minDisk") int minDisk,
                              @Param("includeDisabled") boolean includeDisabled);
}
