package io.nubo.blockstorage.service;

import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Policy;
import io.nubo.shared.microversion.Microversions;
import io.nubo.shared.validation.ValidatedBody;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Cinder's {@code /clusters} (microversion 3.7), administrators only. Clusters are Cinder's active-active groups of
 * cinder-volume services sharing a backend ({@code cluster} in cinder.conf); Nubo's volume services run one per
 * backend and none is configured into a cluster, so the lists are empty and a cluster named in show, enable or
 * disable is not found (Cinder's 404 for a name it does not know), as Cinder answers with no cluster configured.
 * (The class-level mapping is needed: the microversion range of a controller applies through it.)
 */
@RestController
@RequestMapping("/v3/{projectId}/clusters")
@Microversions(min = ClusterController.CLUSTERS)
public class ClusterController {

    /** The microversion that added clusters (and {@code cluster_name} in os-services). */
    public static final String CLUSTERS = "3.7";
    private static final String DEFAULT_BINARY = "cinder-volume";

    public record Clusters(List<Object> clusters) {
    }

    /** Microversion 3.26: the replication filters (and fields, which an empty list does not show). */
    static final String REPLICATION_CLUSTER = "3.26";
    private static final java.util.Set<String> FILTERS = java.util.Set.of("name", "binary", "is_up", "disabled",
            "num_hosts", "num_down_hosts");
    private static final java.util.Set<String> REPLICATION_FILTERS = java.util.Set.of("replication_status",
            "frozen", "active_backend_id");

    @GetMapping
    public Clusters list(Caller caller, @RequestParam java.util.Map<String, String> params,
                         io.nubo.shared.microversion.ApiVersion version) {
        return clusters(caller, params, version);
    }

    @GetMapping("/detail")
    public Clusters detail(Caller caller, @RequestParam java.util.Map<String, String> params,
                           io.nubo.shared.microversion.ApiVersion version) {
        return clusters(caller, params, version);
    }

    /**
     * Cinder's {@code _get_clusters}: unknown filter keys are 400 (the replication ones from 3.26 only), the
     * booleans strict; the list is empty either way, since no service is in a cluster.
     */
    private static Clusters clusters(Caller caller, java.util.Map<String, String> params,
                                     io.nubo.shared.microversion.ApiVersion version) {
        caller.require(Policy.CLUSTERS_GET_ALL);
        boolean replication = version.atLeast(REPLICATION_CLUSTER);
        List<String> invalid = params.keySet().stream().filter(k -> !FILTERS.contains(k)
                && !(replication && REPLICATION_FILTERS.contains(k))).sorted().toList();
        if (!invalid.isEmpty()) {
            throw VolumeError.INVALID_INPUT.exception("Invalid filter keys: " + String.join(", ", invalid));
        }
        for (String key : List.of("disabled", "is_up")) {
            io.nubo.blockstorage.volume.VolumeController.boolParam(key, params.get(key));
        }
        return new Clusters(List.of());
    }

    @GetMapping("/{name}")
    public Clusters show(Caller caller, @PathVariable String name,
                         @RequestParam(required = false) String binary) {
        caller.require(Policy.CLUSTERS_GET);
        throw notFound(binary, name);
    }

    @PutMapping("/{action}")
    @ValidatedBody("block-storage/cluster-update.json")
    public Clusters update(Caller caller, @PathVariable String action, @RequestBody JsonNode body) {
        caller.require(Policy.CLUSTERS_UPDATE);
        if (!action.equals("enable") && !action.equals("disable")) {
            throw VolumeError.NOT_FOUND.exception("Unknown action " + action + ".");
        }
        throw notFound(Json.string(body, "binary"), Json.string(body, "name"));
    }

    /** Cinder's ClusterNotFound names the filters it looked with. */
    private static RuntimeException notFound(String binary, String name) {
        return VolumeError.CLUSTER_NOT_FOUND.exception("binary=" + (binary == null ? DEFAULT_BINARY : binary)
                + ";name=" + name);
    }
}
