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

    @GetMapping
    public Clusters list(Caller caller) {
        caller.require(Policy.CLUSTERS_GET_ALL);
        return new Clusters(List.of());
    }

    @GetMapping("/detail")
    public Clusters detail(Caller caller) {
        caller.require(Policy.CLUSTERS_GET_ALL);
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
