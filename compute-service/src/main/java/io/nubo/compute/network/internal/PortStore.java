package io.nubo.compute.network.internal;

import io.nubo.shared.events.compute.NicSpec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code instance_ports} table: each instance's bound ports (its NICs), and those still to be given back. */
public final class PortStore {

    /** One port of an instance. */
    public record Row(String instanceId, String portId, String networkId, String networkName, NicSpec nic,
                      boolean createdByNova) {
    }

    private final JdbcTemplate jdbc;

    public PortStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Row r, int position) {
        jdbc.update("INSERT INTO instance_ports (instance_id, port_id, position, network_id, network_name, nic,"
                        + " created_by_nova, releasing, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?)",
                r.instanceId(), r.portId(), position, r.networkId(), r.networkName(),
                NeutronClient.JSON.writeValueAsString(r.nic()), r.createdByNova(), Timestamp.from(Instant.now()));
    }

    /** The instance's ports in NIC order (not those being released). */
    public List<Row> ofInstance(String instanceId) {
        return jdbc.query("SELECT * FROM instance_ports WHERE instance_id = ? AND releasing = FALSE ORDER BY position",
                (rs, n) -> row(rs), instanceId);
    }

    /** The position after the instance's last NIC (a hot-plugged NIC comes last, as the guest sees it). */
    public int nextPosition(String instanceId) {
        Integer max = jdbc.queryForObject("SELECT MAX(position) FROM instance_ports WHERE instance_id = ?",
                Integer.class, instanceId);
        return max == null ? 0 : max + 1;
    }

    public java.util.Optional<Row> find(String instanceId, String portId) {
        return jdbc.query("SELECT * FROM instance_ports WHERE instance_id = ? AND port_id = ? AND releasing = FALSE",
                (rs, n) -> row(rs), instanceId, portId).stream().findFirst();
    }

    /** Marks every port of the instance to be given back; returns how many. */
    public int markReleasing(String instanceId) {
        return jdbc.update("UPDATE instance_ports SET releasing = TRUE WHERE instance_id = ?", instanceId);
    }

    public List<Row> releasing() {
        return jdbc.query("SELECT * FROM instance_ports WHERE releasing = TRUE ORDER BY created_at",
                (rs, n) -> row(rs));
    }

    public void delete(String instanceId, String portId) {
        jdbc.update("DELETE FROM instance_ports WHERE instance_id = ? AND port_id = ?", instanceId, portId);
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString("instance_id"), rs.getString("port_id"), rs.getString("network_id"),
                rs.getString("network_name"), NeutronClient.JSON.readValue(rs.getString("nic"), NicSpec.class),
                rs.getBoolean("created_by_nova"));
    }
}
