package io.nubo.blockstorage.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.backend.VolumeServices;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Policy;
import io.nubo.shared.microversion.Microversions;
import io.nubo.shared.validation.ValidatedBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Microversion 3.24: Cinder's {@code POST /workers/cleanup} (administrators), as its scheduler's
 * {@code work_cleanup}: the services the filters select ({@code service_id}, {@code cluster_name}, {@code host},
 * {@code binary}, {@code disabled}, {@code is_up}, false when absent: the services that are down), each answered in
 * {@code cleaning} or {@code unavailable}. Nubo's scheduler and volume services are this one process, so all are up
 * while it answers and the default selection (services that are down) is empty; none is in a cluster, so a
 * {@code cluster_name} selects none. A service that is up and asked for with {@code is_up} is listed in
 * {@code cleaning} as Cinder lists it; it has nothing to clean, because an operation cannot be orphaned while its
 * service runs here: each one ends in its own error handling, and what a stop interrupts is failed when the service
 * starts again (the volume and snapshot recoveries), which is what Cinder's cleanup does for a failed node.
 */
@RestController
@RequestMapping("/v3/{projectId}/workers")
@Microversions(min = WorkerController.WORKERS_CLEANUP)
public class WorkerController {

    static final String WORKERS_CLEANUP = "3.24";

    public record Worker(int id, String host, String binary, @JsonProperty("cluster_name") String clusterName) {
    }

    public record Cleanup(List<Worker> cleaning, List<Worker> unavailable) {
    }

    private final VolumeServices services;

    public WorkerController(VolumeServices services) {
        this.services = services;
    }

    @PostMapping("/cleanup")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ValidatedBody("block-storage/workers-cleanup.json")
    public Cleanup cleanup(Caller caller, @RequestBody(required = false) JsonNode body) {
        caller.require(Policy.WORKERS_CLEANUP);
        JsonNode b = body == null || body.isNull() ? tools.jackson.databind.node.JsonNodeFactory.instance
                .objectNode() : body;
        String resourceType = Json.string(b, "resource_type");
        if (resourceType != null && !resourceType.isEmpty()) {
            String titled = resourceType.substring(0, 1).toUpperCase(Locale.ROOT)
                    + resourceType.substring(1).toLowerCase(Locale.ROOT);
            if (!titled.equals("Volume") && !titled.equals("Snapshot")) {
                throw VolumeError.INVALID_INPUT.exception("Resource type " + titled + " not valid, must be Volume or"
                        + " Snapshot");
            }
        }
        String resourceId = Json.string(b, "resource_id");
        if (resourceId != null && !resourceId.isEmpty() && !b.has("service_id") && !b.has("cluster_name")
                && !b.has("host")) {
            // Cinder looks the resource up in its workers table; here no operation is ever left pending cleanup
            throw VolumeError.INVALID_INPUT.exception("There is no resource with UUID " + resourceId
                    + " pending cleanup.");
        }
        boolean isUp = Boolean.TRUE.equals(flag(b.get("is_up")));
        Boolean disabled = flag(b.get("disabled"));
        String sid = b.hasNonNull("service_id") ? b.get("service_id").asString() : "";
        Integer serviceId = sid.isEmpty() ? null : Integer.valueOf(sid);
        String clusterName = Json.string(b, "cluster_name");
        String host = Json.string(b, "host");
        String binary = Json.string(b, "binary");
        List<Worker> cleaning = new ArrayList<>();
        List<VolumeServices.Info> all = services.all();
        for (int i = 0; i < all.size(); i++) {
            VolumeServices.Info s = all.get(i);
            int id = i + 1;
            // every service is up while this answers: is_up false (the default) selects none
            boolean selected = isUp && clusterName == null
                    && (serviceId == null || serviceId == id)
                    && (host == null || VolumeServices.hostMatches(host, s.host()))
                    && (binary == null || binary.equals(s.binary()))
                    && (disabled == null || disabled == s.disabled());
            if (selected) {
                cleaning.add(new Worker(id, s.host(), s.binary(), null));
            }
        }
        return new Cleanup(cleaning, List.of());
    }

    /** oslo's {@code bool_from_string} (not strict) of a JSON boolean or string; null when absent. */
    private static Boolean flag(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.asString().trim().toLowerCase(Locale.ROOT).matches("1|t|true|on|y|yes");
    }
}
