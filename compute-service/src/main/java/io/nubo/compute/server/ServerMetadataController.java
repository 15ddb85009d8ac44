package io.nubo.compute.server;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.compute.quota.QuotaResource;
import io.nubo.compute.quota.QuotaService;
import io.nubo.compute.server.api.ServerViews;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.RequestBody;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Nova's server metadata ({@code /servers/{id}/metadata}), limited by the metadata_items quota. */
@RestController
@RequestMapping("/v2.1/servers/{id}/metadata")
class ServerMetadataController {

    private final ServerService servers;
    private final QuotaService quotas;

    ServerMetadataController(ServerService servers, QuotaService quotas) {
        this.servers = servers;
        this.quotas = quotas;
    }

    private Map<String, String> items(JsonNode body, String field) {
        Map<String, String> m = RequestBody.of(body).stringMap(field, ServerRequests.META_KEY);
        if (m == null || body.size() != 1) {
            throw ComputeError.BAD_REQUEST.exception("Malformed request body: '" + field + "' is required.");
        }
        return m;
    }

    private int limit(Caller caller) {
        return quotas.limits(caller.projectId()).get(QuotaResource.METADATA_ITEMS);
    }

    @GetMapping
    ServerViews.Metadata list(Caller caller, @PathVariable String id) {
        return new ServerViews.Metadata(servers.metadata(servers.get(caller, id).id()));
    }

    @ValidatedBody("compute/server-metadata.json")
    @PostMapping
    ServerViews.Metadata merge(Caller caller, @PathVariable String id, @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        return new ServerViews.Metadata(servers.setMetadata(caller, id, items(body, "metadata"), false, limit(caller)));
    }

    @ValidatedBody("compute/server-metadata.json")
    @PutMapping
    ServerViews.Metadata replace(Caller caller, @PathVariable String id, @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        return new ServerViews.Metadata(servers.setMetadata(caller, id, items(body, "metadata"), true, limit(caller)));
    }

    @GetMapping("/{key}")
    ServerViews.MetaItem show(Caller caller, @PathVariable String id, @PathVariable String key) {
        String v = servers.metadata(servers.get(caller, id).id()).get(key);
        if (v == null) {
            throw ComputeError.NOT_FOUND.exception("Metadata item was not found");
        }
        return new ServerViews.MetaItem(Map.of(key, v));
    }

    @ValidatedBody("compute/server-metadata-item.json")
    @PutMapping("/{key}")
    ServerViews.MetaItem put(Caller caller, @PathVariable String id, @PathVariable String key,
                             @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        Map<String, String> one = items(body, "meta");
        if (one.size() != 1) {
            throw ComputeError.BAD_REQUEST.exception("Request body contains too many items");
        }
        if (!one.containsKey(key)) {
            throw ComputeError.BAD_REQUEST.exception("Request body and URI mismatch");
        }
        servers.setMetadata(caller, id, one, false, limit(caller));
        return new ServerViews.MetaItem(one);
    }

    @DeleteMapping("/{key}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String id, @PathVariable String key) {
        servers.deleteMetadata(caller, id, key);
    }
}
