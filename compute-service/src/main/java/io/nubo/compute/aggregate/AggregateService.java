package io.nubo.compute.aggregate;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.host.HostStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Host aggregates (os-aggregates). An aggregate with an availability zone puts its hosts in that zone, which is
 * where the scheduler and os-availability-zone read zones from; a host may be in one zone only, as in Nova.
 */
@Service
public class AggregateService {

    private final JdbcTemplate jdbc;
    private final HostStore hosts;
    private final Clock clock;

    AggregateService(JdbcTemplate jdbc, HostStore hosts, Clock clock) {
        this.jdbc = jdbc;
        this.hosts = hosts;
        this.clock = clock;
    }

    public record Aggregate(long id, String name, String availabilityZone, Instant createdAt, Instant updatedAt,
                            List<String> hosts, Map<String, String> metadata) {
    }

    private Aggregate map(ResultSet rs, int i) throws SQLException {
        long id = rs.getLong("id");
        Timestamp u = rs.getTimestamp("updated_at");
        Map<String, String> meta = new LinkedHashMap<>();
        jdbc.query("SELECT meta_key, meta_value FROM aggregate_metadata WHERE aggregate_id = ? ORDER BY meta_key",
                r -> {
                    meta.put(r.getString(1), r.getString(2));
                }, id);
        return new Aggregate(id, rs.getString("name"), rs.getString("availability_zone"),
                rs.getTimestamp("created_at").toInstant(), u == null ? null : u.toInstant(),
                jdbc.queryForList("SELECT host FROM aggregate_hosts WHERE aggregate_id = ? ORDER BY host",
                        String.class, id), meta);
    }

    @Transactional(readOnly = true)
    public List<Aggregate> list() {
        return jdbc.query("SELECT * FROM aggregates ORDER BY id", this::map);
    }

    @Transactional(readOnly = true)
    public Aggregate get(long id) {
        return jdbc.query("SELECT * FROM aggregates WHERE id = ?", this::map, id).stream().findFirst()
                .orElseThrow(() -> ComputeError.NOT_FOUND.exception("Aggregate " + id + " could not be found."));
    }

    /** The zone of a host's aggregate, if one of its aggregates names a zone. */
    @Transactional(readOnly = true)
    public Optional<String> zoneOf(String host) {
        return jdbc.queryForList("SELECT a.availability_zone FROM aggregates a JOIN aggregate_hosts h"
                + " ON h.aggregate_id = a.id WHERE h.host = ? AND a.availability_zone IS NOT NULL ORDER BY a.id",
                String.class, host).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public List<String> zones() {
        return jdbc.queryForList("SELECT DISTINCT availability_zone FROM aggregates WHERE availability_zone IS NOT"
                + " NULL", String.class);
    }

    @Transactional
    public Aggregate create(String name, String zone) {
        try {
            jdbc.update("INSERT INTO aggregates (name, availability_zone, created_at) VALUES (?, ?, ?)", name, zone,
                    Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException e) {
            throw ComputeError.CONFLICT.exception("Aggregate " + name + " already exists.");
        }
        Long id = jdbc.queryForObject("SELECT id FROM aggregates WHERE name = ?", Long.class, name);
        return get(id);
    }

    @Transactional
    public Aggregate update(long id, String name, String zone, boolean zoneGiven) {
        Aggregate a = get(id);
        try {
            jdbc.update("UPDATE aggregates SET name = ?, availability_zone = ?, updated_at = ? WHERE id = ?",
                    name == null ? a.name() : name, zoneGiven ? zone : a.availabilityZone(),
                    Timestamp.from(clock.instant()), id);
        } catch (DuplicateKeyException e) {
            throw ComputeError.CONFLICT.exception("Aggregate " + name + " already exists.");
        }
        return get(id);
    }

    @Transactional
    public void delete(long id) {
        Aggregate a = get(id);
        if (!a.hosts().isEmpty()) {
            throw ComputeError.BAD_REQUEST.exception("Aggregate " + id + " still has hosts.");
        }
        jdbc.update("DELETE FROM aggregates WHERE id = ?", id);
    }

    @Transactional
    public Aggregate addHost(long id, String host) {
        Aggregate a = get(id);
        if (hosts.byName(host).isEmpty()) {
            throw ComputeError.HOST_NOT_FOUND.exception(host);
        }
        if (a.hosts().contains(host)) {
            throw ComputeError.CONFLICT.exception("Aggregate " + id + " already has host " + host + ".");
        }
        Optional<String> current = zoneOf(host);
        if (a.availabilityZone() != null && current.isPresent() && !current.get().equals(a.availabilityZone())) {
            throw ComputeError.CONFLICT.exception("Cannot add host " + host + " to aggregate " + id + ": it is in"
                    + " availability zone " + current.get() + " already.");
        }
        jdbc.update("INSERT INTO aggregate_hosts (aggregate_id, host) VALUES (?, ?)", id, host);
        return get(id);
    }

    @Transactional
    public Aggregate removeHost(long id, String host) {
        get(id);
        if (jdbc.update("DELETE FROM aggregate_hosts WHERE aggregate_id = ? AND host = ?", id, host) == 0) {
            throw ComputeError.NOT_FOUND.exception("Cannot remove host " + host + " in aggregate " + id + ".");
        }
        return get(id);
    }

    @Transactional
    public Aggregate setMetadata(long id, Map<String, String> changes) {
        get(id);
        changes.forEach((k, v) -> {
            jdbc.update("DELETE FROM aggregate_metadata WHERE aggregate_id = ? AND meta_key = ?", id, k);
            if (v != null) {
                jdbc.update("INSERT INTO aggregate_metadata (aggregate_id, meta_key, meta_value) VALUES (?, ?, ?)",
                        id, k, v);
            }
        });
        return get(id);
    }
}
