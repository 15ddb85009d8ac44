package io.nubo.compute.migration;

import io.nubo.shared.events.compute.FlavorSpec;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** A resize's two flavors (migration_flavors), and the claim its migration row holds as the resize goes on. */
@Repository
class ResizeStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The flavors a resize moves between. */
    record Flavors(FlavorSpec oldFlavor, FlavorSpec newFlavor) {
    }

    private final JdbcTemplate jdbc;

    ResizeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long migrationId, FlavorSpec oldFlavor, FlavorSpec newFlavor) {
        jdbc.update("INSERT INTO migration_flavors (migration_id, old_flavor, new_flavor) VALUES (?, ?, ?)",
                migrationId, JSON.writeValueAsString(oldFlavor), JSON.writeValueAsString(newFlavor));
    }

    Optional<Flavors> flavors(long migrationId) {
        return jdbc.query("SELECT old_flavor, new_flavor FROM migration_flavors WHERE migration_id = ?",
                (rs, n) -> new Flavors(JSON.readValue(rs.getString(1), FlavorSpec.class),
                        JSON.readValue(rs.getString(2), FlavorSpec.class)), migrationId).stream().findFirst();
    }

    /** The id of the migration row {@code uuid} (made in the same transaction). */
    long idOf(String uuid) {
        return jdbc.queryForObject("SELECT id FROM migrations WHERE uuid = ?", Long.class, uuid);
    }

    /** The claim the row holds beyond the instance's own from now on (the old flavor's, once the resize is done). */
    int hold(long migrationId, int vcpus, long memoryMb, long diskGb) {
        return jdbc.update("UPDATE migrations SET vcpus = ?, memory_mb = ?, disk_gb = ? WHERE id = ?"
                + " AND dest_claimed = TRUE", vcpus, memoryMb, diskGb, migrationId);
    }
}
