package io.nubo.compute.volume;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The volume_attachments table. One row per attached volume (the volume id is the key, so two requests can never
 * both attach one volume); each status change is a compare-and-swap on the status it expects.
 */
@Repository
class AttachmentStore {

    enum Status { ATTACHING, ATTACHED, DETACHING }

    record Row(String volumeId, String instanceId, String device, Status status, String actionId, Instant createdAt,
               Integer bootIndex, boolean deleteOnTermination) {

        boolean root() {
            return bootIndex != null && bootIndex == 0;
        }
    }

    private final JdbcTemplate jdbc;

    AttachmentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static Row map(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getString("volume_id"), rs.getString("instance_id"), rs.getString("device"),
                Status.valueOf(rs.getString("status")), rs.getString("action_id"),
                rs.getTimestamp("created_at").toInstant(), (Integer) rs.getObject("boot_index"),
                rs.getBoolean("delete_on_termination"));
    }

    /** Inserts an attaching row; false when the volume has a row already (attached, or being attached). */
    boolean begin(String volumeId, String instanceId, String device, String actionId, Instant now) {
        return begin(volumeId, instanceId, device, actionId, now, null, false);
    }

    /** As {@link #begin}, for a block device mapping of a new server (its boot index and delete_on_termination). */
    boolean begin(String volumeId, String instanceId, String device, String actionId, Instant now, Integer bootIndex,
                  boolean deleteOnTermination) {
        try {
            return jdbc.update("INSERT INTO volume_attachments (volume_id, instance_id, device, status, action_id,"
                    + " created_at, updated_at, boot_index, delete_on_termination) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    volumeId, instanceId, device, Status.ATTACHING.name(), actionId, Timestamp.from(now),
                    Timestamp.from(now), bootIndex, deleteOnTermination) == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    boolean move(String volumeId, String instanceId, Status from, Status to, String actionId, Instant now) {
        return jdbc.update("UPDATE volume_attachments SET status = ?, action_id = ?, updated_at = ? WHERE volume_id = ?"
                + " AND instance_id = ? AND status = ?", to.name(), actionId, Timestamp.from(now), volumeId,
                instanceId, from.name()) == 1;
    }

    void remove(String volumeId, String instanceId) {
        jdbc.update("DELETE FROM volume_attachments WHERE volume_id = ? AND instance_id = ?", volumeId, instanceId);
    }

    Optional<Row> find(String instanceId, String volumeId) {
        return jdbc.query("SELECT * FROM volume_attachments WHERE instance_id = ? AND volume_id = ?", AttachmentStore::map,
                instanceId, volumeId).stream().findFirst();
    }

    Optional<Row> ofVolume(String volumeId) {
        return jdbc.query("SELECT * FROM volume_attachments WHERE volume_id = ?", AttachmentStore::map, volumeId)
                .stream().findFirst();
    }

    /** The instance's attachments in the order they were made (Nova lists block device mappings so). */
    List<Row> ofInstance(String instanceId) {
        return jdbc.query("SELECT * FROM volume_attachments WHERE instance_id = ? ORDER BY created_at, volume_id",
                AttachmentStore::map, instanceId);
    }

    /** Rows left in a transitional status since before {@code cutoff} (an API that stopped while waiting). */
    List<Row> stuckSince(Instant cutoff) {
        return jdbc.query("SELECT * FROM volume_attachments WHERE status <> ? AND updated_at < ?", AttachmentStore::map,
                Status.ATTACHED.name(), Timestamp.from(cutoff));
    }
}
