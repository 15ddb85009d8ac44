package io.nubo.compute.host;

import io.nubo.shared.events.compute.HostStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The compute_hosts table. Claims are compare-and-swap updates that only succeed while the host has room under
 * its allocation ratios, so that concurrent boots on one host are serialised by the row and never overcommit it.
 */
@Repository
public class HostStore {

    private static final String COLUMNS = "id, host, state, hypervisor_type, hypervisor_version, host_ip, cpu_info,"
            + " vcpus, memory_mb, local_gb, vcpus_used, memory_mb_used, local_gb_used, running_vms, vcpus_claimed,"
            + " memory_mb_claimed, local_gb_claimed, disabled, disabled_reason, forced_down, service_id, started_at,"
            + " last_seen_at, updated_at, migration_libvirt_uri, migration_uri, instances_dir";

    private final JdbcTemplate jdbc;

    HostStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static Instant t(ResultSet rs, String c) throws SQLException {
        Timestamp ts = rs.getTimestamp(c);
        return ts == null ? null : ts.toInstant();
    }

    private static ComputeHost map(ResultSet rs, int i) throws SQLException {
        return new ComputeHost(rs.getLong("id"), rs.getString("host"), rs.getString("state"),
                rs.getString("hypervisor_type"), rs.getLong("hypervisor_version"), rs.getString("host_ip"),
                rs.getString("cpu_info"), rs.getInt("vcpus"), rs.getLong("memory_mb"), rs.getLong("local_gb"),
                rs.getInt("vcpus_used"), rs.getLong("memory_mb_used"), rs.getLong("local_gb_used"),
                rs.getInt("running_vms"), rs.getInt("vcpus_claimed"), rs.getLong("memory_mb_claimed"),
                rs.getLong("local_gb_claimed"), rs.getBoolean("disabled"), rs.getString("disabled_reason"),
                rs.getBoolean("forced_down"), rs.getString("service_id"), t(rs, "started_at"), t(rs, "last_seen_at"),
                t(rs, "updated_at"), rs.getString("migration_libvirt_uri"), rs.getString("migration_uri"),
                rs.getString("instances_dir"));
    }

    public List<ComputeHost> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM compute_hosts ORDER BY id", HostStore::map);
    }

    public Optional<ComputeHost> byName(String host) {
        return jdbc.query("SELECT " + COLUMNS + " FROM compute_hosts WHERE host = ?", HostStore::map, host).stream()
                .findFirst();
    }

    public Optional<ComputeHost> byId(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM compute_hosts WHERE id = ?", HostStore::map, id).stream()
                .findFirst();
    }

    public Optional<ComputeHost> byServiceId(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM compute_hosts WHERE service_id = ?", HostStore::map, id)
                .stream().findFirst();
    }

    /** Registers the host or refreshes it from a heartbeat; returns true when it is new. */
    public boolean record(HostStatus s, String cpuInfo, Instant now) {
        Instant seen = s.reportedAt() == null ? now : s.reportedAt();
        int n = jdbc.update("UPDATE compute_hosts SET state = ?, hypervisor_type = ?, hypervisor_version = ?,"
                        + " host_ip = ?, cpu_info = ?, vcpus = ?, memory_mb = ?, local_gb = ?, vcpus_used = ?,"
                        + " memory_mb_used = ?, local_gb_used = ?, running_vms = ?, started_at = ?, last_seen_at = ?,"
                        + " updated_at = ?, migration_libvirt_uri = ?, migration_uri = ?, instances_dir = ?"
                        + " WHERE host = ? AND last_seen_at <= ?",
                s.state(), s.hypervisorType(), s.hypervisorVersion(), s.hostIp(), cpuInfo, s.vcpus(), s.memoryMb(),
                s.localGb(), s.vcpusUsed(), s.memoryMbUsed(), s.localGbUsed(), s.runningVms(), ts(s.startedAt()),
                ts(seen), ts(now), s.migrationLibvirtUri(), s.migrationUri(), s.instancesDir(), s.host(), ts(seen));
        if (n > 0 || byName(s.host()).isPresent()) {
            return false;
        }
        jdbc.update("INSERT INTO compute_hosts (host, state, hypervisor_type, hypervisor_version, host_ip, cpu_info,"
                        + " vcpus, memory_mb, local_gb, vcpus_used, memory_mb_used, local_gb_used, running_vms,"
                        + " service_id, started_at, last_seen_at, created_at, updated_at, migration_libvirt_uri,"
                        + " migration_uri, instances_dir)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.host(), s.state(), s.hypervisorType(), s.hypervisorVersion(), s.hostIp(), cpuInfo, s.vcpus(),
                s.memoryMb(), s.localGb(), s.vcpusUsed(), s.memoryMbUsed(), s.localGbUsed(), s.runningVms(),
                UUID.randomUUID().toString(), ts(s.startedAt()), ts(seen), ts(now), ts(now), s.migrationLibvirtUri(),
                s.migrationUri(), s.instancesDir());
        return true;
    }

    /** Claims resources on the host if they fit under the ratios; false when another claim took the room. */
    public boolean claim(String host, int vcpus, long ramMb, long diskGb, double cpuRatio, double ramRatio,
                         double diskRatio) {
        return jdbc.update("UPDATE compute_hosts SET vcpus_claimed = vcpus_claimed + ?,"
                        + " memory_mb_claimed = memory_mb_claimed + ?, local_gb_claimed = local_gb_claimed + ?"
                        + " WHERE host = ? AND vcpus_claimed + ? <= vcpus * ? AND memory_mb_claimed + ? <= memory_mb * ?"
                        + " AND local_gb_claimed + ? <= local_gb * ?",
                vcpus, ramMb, diskGb, host, vcpus, cpuRatio, ramMb, ramRatio, diskGb, diskRatio) == 1;
    }

    public void release(String host, int vcpus, long ramMb, long diskGb) {
        jdbc.update("UPDATE compute_hosts SET vcpus_claimed = GREATEST(vcpus_claimed - ?, 0),"
                + " memory_mb_claimed = GREATEST(memory_mb_claimed - ?, 0),"
                + " local_gb_claimed = GREATEST(local_gb_claimed - ?, 0) WHERE host = ?", vcpus, ramMb, diskGb, host);
    }

    public int setDisabled(String host, boolean disabled, String reason, Instant now) {
        return jdbc.update("UPDATE compute_hosts SET disabled = ?, disabled_reason = ?, updated_at = ? WHERE host = ?",
                disabled, disabled ? reason : null, ts(now), host);
    }

    public int setForcedDown(String host, boolean down, Instant now) {
        return jdbc.update("UPDATE compute_hosts SET forced_down = ?, updated_at = ? WHERE host = ?", down, ts(now),
                host);
    }

    public int delete(String host) {
        return jdbc.update("DELETE FROM compute_hosts WHERE host = ?", host);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
