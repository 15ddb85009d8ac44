package io.nubo.metering.module;

import io.nubo.metering.error.MeteringError;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The rating modules Nubo serves (hashmap only) and their state: enabled, priority. */
@Service
public class RatingModules {

    public static final String HASHMAP = "hashmap";

    public record State(String moduleId, String description, boolean enabled, boolean hotConfig, int priority) {
    }

    private final JdbcTemplate jdbc;

    RatingModules(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<State> list() {
        return jdbc.query("SELECT module_id, enabled, priority FROM rating_module ORDER BY priority DESC, module_id",
                (rs, n) -> new State(rs.getString(1), description(rs.getString(1)), rs.getBoolean(2), true,
                        rs.getInt(3)));
    }

    @Transactional(readOnly = true)
    public State get(String moduleId) {
        return list().stream().filter(s -> s.moduleId().equals(moduleId)).findFirst()
                .orElseThrow(() -> MeteringError.E013_NO_SUCH_MODULE.with());
    }

    @Transactional
    public State update(String moduleId, Boolean enabled, Integer priority) {
        State current = get(moduleId);
        jdbc.update("UPDATE rating_module SET enabled = ?, priority = ? WHERE module_id = ?",
                enabled == null ? current.enabled() : enabled, priority == null ? current.priority() : priority,
                moduleId);
        return get(moduleId);
    }

    public boolean enabled(String moduleId) {
        Boolean e = jdbc.queryForObject("SELECT enabled FROM rating_module WHERE module_id = ?", Boolean.class,
                moduleId);
        return Boolean.TRUE.equals(e);
    }

    private static String description(String moduleId) {
        return HASHMAP.equals(moduleId) ? "HashMap rating module." : "";
    }
}
