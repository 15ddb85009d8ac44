package io.nubo.metering.ledger;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger's tables, in plain SQL: events kept raw, one state row per resource (locked while an event is
 * applied) and the usage intervals. The ledger is append-and-refold work on rows keyed by resource, where an
 * object mapper adds nothing, so this uses JDBC rather than JPA.
 */
@Repository
class LedgerStore {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    LedgerStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The resource's state row as it is now, locked for this transaction. */
    record ResourceState(String resourceKey, BigDecimal level, Map<String, String> attributes, Instant since,
                         Instant lastAt, String lastEventId) {
    }

    /** Whether the event was new (false when its id is stored already). */
    boolean insertEvent(String eventId, String type, String version, Instant occurredAt, String projectId,
                        String resourceKey, UsageChange change, String envelope) {
        String kind = null;
        BigDecimal level = null;
        String attrs = null;
        if (change instanceof UsageChange.Set s) {
            kind = "set";
            level = s.level();
            attrs = s.attributes() == null ? null : json.writeValueAsString(s.attributes());
        } else if (change instanceof UsageChange.Add a) {
            kind = "add";
            level = a.delta();
        } else if (change instanceof UsageChange.Close) {
            kind = "close";
        }
        return jdbc.update("INSERT INTO metering_event (event_id, event_type, schema_version, occurred_at, project_id,"
                        + " resource_key, change_kind, change_level, change_attrs, envelope, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                eventId, type, version, Timestamp.from(occurredAt), projectId, resourceKey, kind, level, attrs,
                envelope, Timestamp.from(Instant.now())) == 1;
    }

    ResourceState lockResource(ResourceChange c) {
        jdbc.update("INSERT INTO metering_resource (resource_key, project_id, metric, resource_id, level, attributes)"
                        + " VALUES (?, ?, ?, ?, 0, '{}') ON CONFLICT DO NOTHING",
                c.resourceKey(), c.projectId(), c.metric().type(), c.resourceId());
        return jdbc.queryForObject("SELECT resource_key, level, attributes, since, last_at, last_event_id"
                + " FROM metering_resource WHERE resource_key = ? FOR UPDATE", (rs, n) -> new ResourceState(
                rs.getString(1), rs.getBigDecimal(2), attributes(rs.getString(3)), instant(rs, 4), instant(rs, 5),
                rs.getString(6)), c.resourceKey());
    }

    void saveState(String resourceKey, Timeline t, Instant lastAt, String lastEventId) {
        jdbc.update("UPDATE metering_resource SET level = ?, attributes = ?, since = ?, last_at = ?, last_event_id = ?"
                        + " WHERE resource_key = ?", t.level(), json.writeValueAsString(t.attributes()),
                t.since() == null ? null : Timestamp.from(t.since()), Timestamp.from(lastAt), lastEventId, resourceKey);
    }

    /** Every change recorded for the resource, in no particular order. */
    List<Timeline.TimedChange> changes(String resourceKey) {
        return jdbc.query("SELECT occurred_at, event_id, change_kind, change_level, change_attrs FROM metering_event"
                + " WHERE resource_key = ?", (rs, n) -> new Timeline.TimedChange(instant(rs, 1), rs.getString(2),
                change(rs.getString(3), rs.getBigDecimal(4), rs.getString(5))), resourceKey);
    }

    private UsageChange change(String kind, BigDecimal level, String attrs) {
        return switch (kind) {
            case "set" -> new UsageChange.Set(level, attrs == null ? null : attributes(attrs));
            case "add" -> new UsageChange.Add(level);
            default -> new UsageChange.Close();
        };
    }

    void closeOpenInterval(String resourceKey, Instant end) {
        jdbc.update("UPDATE usage_interval SET end_at = ? WHERE resource_key = ? AND end_at IS NULL",
                Timestamp.from(end), resourceKey);
    }

    void deleteOpenInterval(String resourceKey) {
        jdbc.update("DELETE FROM usage_interval WHERE resource_key = ? AND end_at IS NULL", resourceKey);
    }

    void deleteIntervals(String resourceKey) {
        jdbc.update("DELETE FROM usage_interval WHERE resource_key = ?", resourceKey);
    }

    void insertInterval(ResourceChange c, Segment s) {
        jdbc.update("INSERT INTO usage_interval (resource_key, project_id, metric, resource_id, level, attributes,"
                        + " begin_at, end_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", c.resourceKey(), c.projectId(),
                c.metric().type(), c.resourceId(), s.level(), json.writeValueAsString(s.attributes()),
                Timestamp.from(s.begin()), s.end() == null ? null : Timestamp.from(s.end()));
    }

    /** Intervals that overlap [begin, end), optionally of one project only. */
    List<UsageInterval> overlapping(Instant begin, Instant end, String projectId) {
        String sql = "SELECT project_id, metric, resource_id, level, attributes, begin_at, end_at FROM usage_interval"
                + " WHERE begin_at < ? AND (end_at IS NULL OR end_at > ?)"
                + (projectId == null ? "" : " AND project_id = ?") + " ORDER BY begin_at, id";
        Object[] args = projectId == null ? new Object[] {Timestamp.from(end), Timestamp.from(begin)}
                : new Object[] {Timestamp.from(end), Timestamp.from(begin), projectId};
        return jdbc.query(sql, (rs, n) -> new UsageInterval(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getBigDecimal(4).stripTrailingZeros(), attributes(rs.getString(5)), instant(rs, 6), instant(rs, 7)),
                args);
    }

    long eventCount() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM metering_event", Long.class);
        return n == null ? 0 : n;
    }

    private Map<String, String> attributes(String text) {
        return json.readValue(text, ATTRIBUTES);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
