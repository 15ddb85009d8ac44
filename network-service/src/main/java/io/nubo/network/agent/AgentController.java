package io.nubo.network.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.network.common.Caller;
import io.nubo.network.common.Json;
import io.nubo.network.common.ListQuery;
import io.nubo.network.common.Policy;
import io.nubo.network.error.NetworkError;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import io.nubo.shared.api.Link;
import io.nubo.shared.validation.ValidatedQuery;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Neutron's {@code agent} extension, read only: {@code GET /v2.0/agents} and {@code /v2.0/agents/{id}}. Agents are
 * for administrators (Neutron's {@code get_agent} is admin only): anyone else lists none and finds none.
 */
@RestController
public class AgentController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Agents agents;

    public AgentController(Agents agents) {
        this.agents = agents;
    }

    public record View(String id, @JsonProperty("agent_type") String agentType, String binary, String topic,
                       String host, @JsonProperty("admin_state_up") boolean adminStateUp, boolean alive,
                       @JsonProperty("availability_zone") String availabilityZone,
                       Map<String, Object> configurations, String description,
                       @JsonProperty("created_at") String createdAt, @JsonProperty("started_at") String startedAt,
                       @JsonProperty("heartbeat_timestamp") String heartbeatTimestamp,
                       @JsonProperty("resources_synced") Boolean resourcesSynced) {
    }

    public record Many(List<JsonNode> agents,
                       @JsonProperty("agents_links") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Link> links) {
    }

    public record One(View agent) {
    }

    @GetMapping("/v2.0/agents")
    @ValidatedQuery("network/list-query.json")
    public Many list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        if (!Policy.allows(caller, "get_agent", Policy.Target.owned(null))) {
            return new Many(List.of(), List.of());
        }
        Instant now = agents.now();
        ListQuery.Page page = new ListQuery(params).apply(agents.list().stream().map(a -> Json.tree(view(a, now)))
                .toList(), "/v2.0/agents");
        return new Many(page.items(), page.links());
    }

    @GetMapping("/v2.0/agents/{id}")
    public One show(Caller caller, @PathVariable String id) {
        if (!Policy.allows(caller, "get_agent", Policy.Target.owned(null))) {
            throw NetworkError.AGENT_NOT_FOUND.exception(id);
        }
        Instant now = agents.now();
        return new One(agents.list().stream().filter(a -> a.id().equals(id)).findFirst().map(a -> view(a, now))
                .orElseThrow(() -> NetworkError.AGENT_NOT_FOUND.exception(id)));
    }

    private static View view(Agents.Agent a, Instant now) {
        return new View(a.id(), a.agentType(), a.binary(), a.topic(), a.host(), true, a.alive(now), "nova",
                a.configurations(), null, time(a.createdAt()), time(a.startedAt()),
                time(a.heartbeat() == null ? a.startedAt() : a.heartbeat()), a.heartbeat() != null);
    }

    private static String time(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
