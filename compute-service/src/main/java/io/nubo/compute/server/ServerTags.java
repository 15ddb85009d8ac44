package io.nubo.compute.server;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.server.state.VmState;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Nova's server tags (2.26, {@code server_tags.py}): at most {@link #MAX_TAGS} a server, each 1 to 60 characters
 * without {@code ,} or {@code /}, listed in their order of name. Changes need the server ACTIVE, PAUSED, SUSPENDED
 * or STOPPED (Nova's 409 otherwise, naming the vm_state); the server's lock does not matter, as in Nova.
 */
@Service
public class ServerTags {

    public static final int MAX_TAGS = 50;
    private static final Pattern TAG = Pattern.compile("^[^,/]*$");
    private static final Set<VmState> CHANGEABLE = EnumSet.of(VmState.ACTIVE, VmState.PAUSED, VmState.SUSPENDED,
            VmState.STOPPED);

    private final ServerService servers;
    private final Access access;
    private final JdbcTemplate jdbc;

    ServerTags(ServerService servers, Access access, JdbcTemplate jdbc) {
        this.servers = servers;
        this.access = access;
        this.jdbc = jdbc;
    }

    /** The tags of one server. */
    public List<String> of(String instanceId) {
        return jdbc.queryForList("SELECT tag FROM instance_tags WHERE instance_id = ? ORDER BY tag", String.class,
                instanceId);
    }

    /** The tags of many servers (a list page), by server id; a server without tags is absent. */
    public Map<String, List<String>> of(Collection<String> instanceIds) {
        Map<String, List<String>> out = new HashMap<>();
        List<String> ids = List.copyOf(instanceIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT instance_id, tag FROM instance_tags WHERE instance_id IN (" + marks
                    + ") ORDER BY tag", rs -> {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }, chunk.toArray());
        }
        return out;
    }

    @Transactional(readOnly = true)
    public List<String> list(Caller caller, String serverId) {
        Instance i = servers.get(caller, serverId);
        access.check(ComputePolicy.SERVER_TAGS_INDEX, caller, i.projectId());
        return of(i.id());
    }

    /** True when the server has the tag. */
    @Transactional(readOnly = true)
    public boolean has(Caller caller, String serverId, String tag) {
        Instance i = servers.get(caller, serverId);
        access.check(ComputePolicy.SERVER_TAGS_SHOW, caller, i.projectId());
        return has(i.id(), tag);
    }

    private boolean has(String instanceId, String tag) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM instance_tags WHERE instance_id = ? AND tag = ?",
                Integer.class, instanceId, tag) > 0;
    }

    /** Adds one tag; false when the server had it already. */
    @Transactional
    public boolean add(Caller caller, String serverId, String tag) {
        Instance i = changeable(caller, serverId, ComputePolicy.SERVER_TAGS_UPDATE, "update tag");
        if (tag.isEmpty() || tag.length() > 60 || !TAG.matcher(tag).matches()) {
            String why = tag.isEmpty() ? "'' should be non-empty" : tag.length() > 60 ? "'" + tag + "' is too long"
                    : "'" + tag + "' does not match '^[^,/]*$'";
            throw ComputeError.BAD_REQUEST.exception("Tag '" + tag + "' is invalid. It must be a non empty string"
                    + " without characters '/' and ','. Validation error message: " + why);
        }
        lockTags(i.id());
        List<String> now = of(i.id());
        if (now.size() >= MAX_TAGS) {
            throw ComputeError.BAD_REQUEST.exception("The number of tags exceeded the per-server limit " + MAX_TAGS);
        }
        if (now.contains(tag)) {
            return false;
        }
        jdbc.update("INSERT INTO instance_tags (instance_id, tag) VALUES (?, ?)", i.id(), tag);
        return true;
    }

    /** Replaces every tag (the list already validated); returns the server's tags. */
    @Transactional
    public List<String> replace(Caller caller, String serverId, List<String> tags) {
        Instance i = changeable(caller, serverId, ComputePolicy.SERVER_TAGS_UPDATE_ALL, "update tags");
        lockTags(i.id());
        jdbc.update("DELETE FROM instance_tags WHERE instance_id = ?", i.id());
        for (String t : new LinkedHashSet<>(tags)) {
            jdbc.update("INSERT INTO instance_tags (instance_id, tag) VALUES (?, ?)", i.id(), t);
        }
        return of(i.id());
    }

    @Transactional
    public void delete(Caller caller, String serverId, String tag) {
        Instance i = changeable(caller, serverId, ComputePolicy.SERVER_TAGS_DELETE, "delete tag");
        if (jdbc.update("DELETE FROM instance_tags WHERE instance_id = ? AND tag = ?", i.id(), tag) == 0) {
            throw ComputeError.NOT_FOUND.exception("Instance " + i.id() + " has no tag '" + tag + "'");
        }
    }

    @Transactional
    public void deleteAll(Caller caller, String serverId) {
        Instance i = changeable(caller, serverId, ComputePolicy.SERVER_TAGS_DELETE_ALL, "delete tags");
        jdbc.update("DELETE FROM instance_tags WHERE instance_id = ?", i.id());
    }

    private Instance changeable(Caller caller, String serverId, ComputePolicy policy, String method) {
        Instance i = servers.get(caller, serverId);
        access.check(policy, caller, i.projectId());
        if (!CHANGEABLE.contains(i.vmState())) {
            throw ComputeError.INVALID_STATE.exception(method, i.id(), "vm_state", i.vmState().wire());
        }
        return i;
    }

    /** Serializes the changes of one server's tags (the count limit holds under concurrent adds). */
    private void lockTags(String instanceId) {
        jdbc.queryForList("SELECT id FROM instances WHERE id = ? FOR UPDATE", String.class, instanceId);
    }

    /**
     * The SQL conditions of Nova's list filters (2.26): {@code tags} (has all), {@code tags-any} (has one),
     * {@code not-tags} (lacks at least one), {@code not-tags-any} (has none); each a comma-separated list.
     */
    static void filters(Map<String, String> p, List<String> where, List<Object> args) {
        condition(p.get("tags"), "id IN", true, where, args);
        condition(p.get("tags-any"), "id IN", false, where, args);
        condition(p.get("not-tags"), "id NOT IN", true, where, args);
        condition(p.get("not-tags-any"), "id NOT IN", false, where, args);
    }

    private static void condition(String value, String op, boolean all, List<String> where, List<Object> args) {
        if (value == null) {
            return;
        }
        List<String> tags = java.util.Arrays.stream(value.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .distinct().toList();
        if (tags.isEmpty()) {
            return;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(tags.size(), "?"));
        where.add(op + " (SELECT instance_id FROM instance_tags WHERE tag IN (" + marks + ")"
                + (all ? " GROUP BY instance_id HAVING COUNT(*) = " + tags.size() : "") + ")");
        args.addAll(tags);
    }
}
