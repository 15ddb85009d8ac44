package io.nubo.compute.instanceaction;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * os-instance-actions: every request that acts on an instance is recorded under its request id, with one event
 * per step ({@code compute_start_instance} ...), finished when the agent's report arrives.
 */
@Service
public class InstanceActions {

    private final JdbcTemplate jdbc;

    InstanceActions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Event(String event, String host, Instant startTime, Instant finishTime, String result,
                        String traceback) {
    }

    public record Action(long id, String instanceId, String requestId, String action, String projectId,
                         String userId, Instant startTime, Instant finishTime, String message) {
    }

    private static Instant t(ResultSet rs, String c) throws SQLException {
        Timestamp ts = rs.getTimestamp(c);
        return ts == null ? null : ts.toInstant();
    }

    private static Action map(ResultSet rs, int i) throws SQLException {
        return new Action(rs.getLong("id"), rs.getString("instance_id"), rs.getString("request_id"),
                rs.getString("action"), rs.getString("project_id"), rs.getString("user_id"), t(rs, "start_time"),
                t(rs, "finish_time"), rs.getString("message"));
    }

    /** Records the action and its first event (unfinished, or finished at once when {@code result} is given). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void start(String instanceId, String requestId, String action, String projectId, String userId,
                      String event, String host, String result, Instant now) {
        jdbc.update("INSERT INTO instance_actions (instance_id, request_id, action, project_id, user_id, start_time,"
                        + " finish_time) VALUES (?, ?, ?, ?, ?, ?, ?)", instanceId, requestId, action, projectId,
                userId, Timestamp.from(now), result == null ? null : Timestamp.from(now));
        Long id = jdbc.queryForObject("SELECT id FROM instance_actions WHERE instance_id = ? AND request_id = ?",
                Long.class, instanceId, requestId);
        jdbc.update("INSERT INTO instance_action_events (action_id, event, host, start_time, finish_time, result)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", id, event, host, Timestamp.from(now),
                result == null ? null : Timestamp.from(now), result);
    }

    /** Finishes the open events of the action; {@code error} is the message of a failure (null on success). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void finish(String instanceId, String requestId, String error, String traceback, Instant now) {
        jdbc.update("UPDATE instance_action_events SET finish_time = ?, result = ?, traceback = ? WHERE finish_time"
                        + " IS NULL AND action_id IN (SELECT id FROM instance_actions WHERE instance_id = ?"
                        + " AND request_id = ?)", Timestamp.from(now), error == null ? "Success" : "Error",
                traceback, instanceId, requestId);
        jdbc.update("UPDATE instance_actions SET finish_time = ?, message = COALESCE(?, message) WHERE instance_id = ?"
                + " AND request_id = ?", Timestamp.from(now), error == null ? null : "Error", instanceId, requestId);
    }

    @Transactional(readOnly = true)
    public List<Action> list(String instanceId) {
        return jdbc.query("SELECT * FROM instance_actions WHERE instance_id = ? ORDER BY start_time DESC, id DESC",
                InstanceActions::map, instanceId);
    }

    @Transactional(readOnly = true)
    public Optional<Action> get(String instanceId, String requestId) {
        return jdbc.query("SELECT * FROM instance_actions WHERE instance_id = ? AND request_id = ?",
                InstanceActions::map, instanceId, requestId).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public List<Event> events(long actionId) {
        return jdbc.query("SELECT * FROM instance_action_events WHERE action_id = ? ORDER BY id",
                (rs, i) -> new Event(rs.getString("event"), rs.getString("host"), t(rs, "start_time"),
                        t(rs, "finish_time"), rs.getString("result"), rs.getString("traceback")), actionId);
    }
}
