package io.nubo.compute.server;

import io.nubo.compute.wire.Access;
import io.nubo.compute.instanceaction.InstanceActions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.WireTime;
import java.util.List;
import io.nubo.shared.microversion.ApiVersion;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Nova's os-instance-actions at 2.1: list, and show with events (traceback for admins only). */
@RestController
@RequestMapping("/v2.1/servers/{id}/os-instance-actions")
class InstanceActionController {

    record ActionView(String action, @JsonProperty("instance_uuid") String instanceUuid, String message,
                      @JsonProperty("project_id") String projectId, @JsonProperty("request_id") String requestId,
                      @JsonProperty("start_time") String startTime, @JsonProperty("user_id") String userId) {
    }

    record EventView(String event, @JsonProperty("start_time") String startTime,
                     @JsonProperty("finish_time") String finishTime, String result,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String traceback) {
    }

    record ActionDetail(String action, @JsonProperty("instance_uuid") String instanceUuid, String message,
                        @JsonProperty("project_id") String projectId, @JsonProperty("request_id") String requestId,
                        @JsonProperty("start_time") String startTime, @JsonProperty("user_id") String userId,
                        List<EventView> events) {
    }

    record ActionList(List<ActionView> instanceActions) {
    }

    record ActionOne(ActionDetail instanceAction) {
    }

    private final InstanceActions actions;
    private final ServerService servers;

    private final Access access;

    InstanceActionController(InstanceActions actions, ServerService servers, Access access) {
        this.access = access;
        this.actions = actions;
        this.servers = servers;
    }

    @GetMapping
    ActionList list(Caller caller, ApiVersion version, @PathVariable String id) {
        servers.get(caller, id, version.atLeast("2.21"));
        return new ActionList(actions.list(id).stream().map(a -> new ActionView(a.action(), a.instanceId(),
                a.message(), a.projectId(), a.requestId(), WireTime.micros(a.startTime()), a.userId())).toList());
    }

    @GetMapping("/{requestId}")
    ActionOne show(Caller caller, ApiVersion version, @PathVariable String id, @PathVariable String requestId) {
        servers.get(caller, id, version.atLeast("2.21"));
        InstanceActions.Action a = actions.get(id, requestId).orElseThrow(() -> ComputeError.NOT_FOUND
                .exception("Action " + requestId + " on instance " + id + " could not be found."));
        boolean details = access.allows(ComputePolicy.INSTANCE_ACTION_EVENTS_DETAILS, caller, null);
        List<EventView> events = actions.events(a.id()).stream().map(e -> new EventView(e.event(),
                WireTime.micros(e.startTime()), WireTime.micros(e.finishTime()), e.result(),
                details ? e.traceback() : null)).toList();
        return new ActionOne(new ActionDetail(a.action(), a.instanceId(), a.message(), a.projectId(), a.requestId(),
                WireTime.micros(a.startTime()), a.userId(), events));
    }
}
