package io.nubo.compute.migration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The migrations table. Status changes are compare-and-swap updates on the statuses {@link MigrationStatus} allows
 * the target from; the destination claim is given back by one conditional update, so only one caller ever does.
 */
@Repository
class MigrationStore {

    private static final String COLUMNS = "id, uuid, instance_uuid, migration_type, status, source_compute,"
            + " source_node, dest_compute, dest_node, dest_host, old_flavor_id, new_flavor_id, action_id, vcpus,"
            + " memory_mb, disk_gb, dest_claimed, memory_total, memory_processed, memory_remaining, disk_total,"
            + " disk_processed, disk_remaining, error_message, user_id, project_id, created_at, updated_at";

    /** Filters of a list: any may be null. {@code host} matches the source or the destination. */
    record Filter(String host, String status, String instanceUuid, String migrationType, String sourceCompute) {
    }

    private final JdbcTemplate jdbc;

    MigrationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant t(ResultSet rs, String c) throws SQLException {
        Timestamp ts = rs.getTimestamp(c);
        return ts == null ? null : ts.toInstant();
    }

    private static Long l(ResultSet rs, String c) throws SQLException {
        long v = rs.getLong(c);
        return rs.wasNull() ? null : v;
    }

    private static Migration map(ResultSet rs, int n) throws SQLException {
        return new Migration(rs.getLong("id"), rs.getString("uuid"), rs.getString("instance_uuid"),
                MigrationType.ofWire(rs.getString("migration_type")).orElseThrow(),
                MigrationStatus.ofWire(rs.getString("status")), rs.getString("source_compute"),
                rs.getString("source_node"), rs.getString("dest_compute"), rs.getString("dest_node"),
                rs.getString("dest_host"), rs.getString("old_flavor_id"), rs.getString("new_flavor_id"),
                rs.getString("action_id"), rs.getInt("vcpus"), rs.getLong("memory_mb"), rs.getLong("disk_gb"),
                rs.getBoolean("dest_claimed"), l(rs, "memory_total"), l(rs, "memory_processed"),
                l(rs, "memory_remaining"), l(rs, "disk_total"), l(rs, "disk_processed"), l(rs, "disk_remaining"),
                rs.getString("error_message"), rs.getString("user_id"), rs.getString("project_id"),
                t(rs, "created_at"), t(rs, "updated_at"));
    }

    void insert(Migration m) {
        jdbc.update("INSERT INTO migrations (uuid, instance_uuid, migration_type, status, source_compute,"
                        + " source_node, dest_compute, dest_node, dest_host, old_flavor_id, new_flavor_id, action_id,"
                        + " vcpus, memory_mb, disk_gb, dest_claimed, user_id, project_id, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                m.uuid(), m.instanceUuid(), m.type().wire(), m.status().wire(), m.sourceCompute(), m.sourceNode(),
                m.destCompute(), m.destNode(), m.destHost(), m.oldFlavorId(), m.newFlavorId(), m.actionId(),
                m.vcpus(), m.memoryMb(), m.diskGb(), m.destClaimed(), m.userId(), m.projectId(), ts(m.createdAt()),
                ts(m.updatedAt()));
    }

    Optional<Migration> byUuid(String uuid) {
        return jdbc.query("SELECT " + COLUMNS + " FROM migrations WHERE uuid = ?", MigrationStore::map, uuid)
                .stream().findFirst();
    }

    /** The migration an instance's task carries out. */
    Optional<Migration> byAction(String instanceUuid, String actionId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM migrations WHERE instance_uuid = ? AND action_id = ?",
                MigrationStore::map, instanceUuid, actionId).stream().findFirst();
    }

    List<Migration> list(Filter f) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (f.host() != null) {
            where.add("(source_compute = ? OR dest_compute = ?)");
            args.add(f.host());
            args.add(f.host());
        }
        add(where, args, "status", f.status());
        add(where, args, "instance_uuid", f.instanceUuid());
        add(where, args, "migration_type", f.migrationType());
        add(where, args, "source_compute", f.sourceCompute());
        return jdbc.query("SELECT " + COLUMNS + " FROM migrations" + (where.isEmpty() ? ""
                : " WHERE " + String.join(" AND ", where)) + " ORDER BY created_at DESC, id DESC",
                MigrationStore::map, args.toArray());
    }

    private static void add(List<String> where, List<Object> args, String column, String value) {
        if (value != null) {
            where.add(column + " = ?");
            args.add(value);
        }
    }

    /** Every migration that has not ended. */
    List<Migration> unfinished() {
        String open = java.util.Arrays.stream(MigrationStatus.values()).filter(s -> !s.isFinal())
                .map(s -> "'" + s.wire() + "'").collect(Collectors.joining(", "));
        return jdbc.query("SELECT " + COLUMNS + " FROM migrations WHERE status IN (" + open + ")",
                MigrationStore::map);
    }

    /** Moves the migration to {@code to} if its status still allows it; true for the one caller that did. */
    boolean transition(long id, MigrationStatus to, String error, Instant now) {
        String from = to.from().stream().map(s -> "'" + s.wire() + "'").collect(Collectors.joining(", "));
        if (from.isEmpty()) {
            return false;
        }
        return jdbc.update("UPDATE migrations SET status = ?, error_message = COALESCE(?, error_message),"
                        + " updated_at = ? WHERE id = ? AND status IN (" + from + ")",
                to.wire(), error == null ? null : error.length() > 1024 ? error.substring(0, 1024) : error, ts(now),
                id) == 1;
    }

    int progress(long id, long total, long processed, long remaining, Instant now) {
        return jdbc.update("UPDATE migrations SET memory_total = ?, memory_processed = ?, memory_remaining = ?,"
                + " updated_at = ? WHERE id = ?", total, processed, remaining, ts(now), id);
    }

    /** Gives up the destination claim's record once; true for the one caller that should release it. */
    boolean dropDestClaim(long id) {
        return jdbc.update("UPDATE migrations SET dest_claimed = FALSE WHERE id = ? AND dest_claimed = TRUE", id) == 1;
    }

    /** What the move after the destination's preparation needs (live migrations only). */
    void plan(String migrationUuid, boolean blockMigration) {
        jdbc.update("INSERT INTO live_migration_plans (migration_uuid, block_migration) VALUES (?, ?)",
                migrationUuid, blockMigration);
    }

    /** The block_migration of a live migration's request; empty for a migration with no plan. */
    Optional<Boolean> blockMigration(String migrationUuid) {
        return jdbc.query("SELECT block_migration FROM live_migration_plans WHERE migration_uuid = ?",
                (rs, n) -> rs.getBoolean(1), migrationUuid).stream().findFirst();
    }
}
