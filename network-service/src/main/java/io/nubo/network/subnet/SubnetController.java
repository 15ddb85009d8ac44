package io.nubo.network.subnet;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
import io.nubo.network.common.Bulk;
import io.nubo.network.common.Caller;
import io.nubo.network.common.Json;
import io.nubo.network.common.ListQuery;
import io.nubo.network.common.RequestBody;
import io.nubo.network.subnet.api.SubnetBodies;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Neutron's {@code /v2.0/subnets}. */
@RestController
public class SubnetController {

    private final SubnetService subnets;
    private final TransactionTemplate tx;

    public SubnetController(SubnetService subnets, TransactionTemplate tx) {
        this.subnets = subnets;
        this.tx = tx;
    }

    @PostMapping("/v2.0/subnets")
    @ValidatedBody("network/subnet-create.json")
    public ResponseEntity<Object> create(Caller caller,
                                         @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        Bulk bulk = Bulk.of(body, "subnet", "subnets");
        List<JsonNode> created = tx.execute(s -> {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode one : bulk.bodies()) {
                out.add(subnets.create(caller, SubnetRequest.create(RequestBody.of(one, "subnet"))));
            }
            return out;
        });
        Object reply = bulk.bulk() ? new SubnetBodies.Many(Json.node(created)) : new SubnetBodies.One(created.get(0));
        return ResponseEntity.status(HttpStatus.CREATED).body(reply);
    }

    @GetMapping("/v2.0/subnets")
    @ValidatedQuery("network/list-query.json")
    public SubnetBodies.Page list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        ListQuery.Page page = new ListQuery(params).apply(subnets.list(caller), "/v2.0/subnets");
        return new SubnetBodies.Page(page.items(), page.links());
    }

    @GetMapping("/v2.0/subnets/{id}")
    public SubnetBodies.One show(Caller caller, @PathVariable String id,
                                 @RequestParam MultiValueMap<String, String> params) {
        return new SubnetBodies.One(new ListQuery(params).fields(subnets.show(caller, id)));
    }

    @PutMapping("/v2.0/subnets/{id}")
    @ValidatedBody("network/subnet-update.json")
    public SubnetBodies.One update(Caller caller, @PathVariable String id,
                                   @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        return new SubnetBodies.One(subnets.update(caller, id, body));
    }

    @DeleteMapping("/v2.0/subnets/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        subnets.delete(caller, id);
        return ResponseEntity.noContent().build();
    }
}
