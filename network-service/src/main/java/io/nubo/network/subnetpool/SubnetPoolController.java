package io.nubo.network.subnetpool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.network.common.Caller;
import io.nubo.network.common.ListQuery;
import io.nubo.shared.api.Link;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Neutron's {@code /v2.0/subnetpools}. */
@RestController
public class SubnetPoolController {

    private final SubnetPoolService pools;

    public SubnetPoolController(SubnetPoolService pools) {
        this.pools = pools;
    }

    public record One(JsonNode subnetpool) {
    }

    public record Page(List<JsonNode> subnetpools,
                       @JsonProperty("subnetpools_links") @JsonInclude(JsonInclude.Include.NON_EMPTY)
                       List<Link> links) {
    }

    @PostMapping("/v2.0/subnetpools")
    @ValidatedBody("network/subnetpool-create.json")
    public ResponseEntity<One> create(Caller caller, @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(new One(pools.create(caller, body)));
    }

    @GetMapping("/v2.0/subnetpools")
    @ValidatedQuery("network/list-query.json")
    public Page list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        ListQuery.Page page = new ListQuery(params).apply(pools.list(caller), "/v2.0/subnetpools");
        return new Page(page.items(), page.links());
    }

    @GetMapping("/v2.0/subnetpools/{id}")
    public One show(Caller caller, @PathVariable String id, @RequestParam MultiValueMap<String, String> params) {
        return new One(new ListQuery(params).fields(pools.show(caller, id)));
    }

    @PutMapping("/v2.0/subnetpools/{id}")
    @ValidatedBody("network/subnetpool-update.json")
    public One update(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        return new One(pools.update(caller, id, body));
    }

    @DeleteMapping("/v2.0/subnetpools/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        pools.delete(caller, id);
        return ResponseEntity.noContent().build();
    }
}
