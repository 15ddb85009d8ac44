package io.nubo.network.network;

import io.nubo.network.common.Bulk;
import io.nubo.network.common.Caller;
import io.nubo.network.common.ListQuery;
import io.nubo.network.common.RequestBody;
import io.nubo.network.network.api.NetworkBodies;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
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

/** Neutron's {@code /v2.0/networks}. */
@RestController
public class NetworkController {

    private final NetworkService networks;
    private final TransactionTemplate tx;

    public NetworkController(NetworkService networks, TransactionTemplate tx) {
        this.networks = networks;
        this.tx = tx;
    }

    @PostMapping("/v2.0/networks")
    @ValidatedBody("network/network-create.json")
    public ResponseEntity<Object> create(Caller caller,
                                         @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        Bulk bulk = Bulk.of(body, "network", "networks");
        List<JsonNode> created = tx.execute(s -> {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode one : bulk.bodies()) {
                RequestBody b = RequestBody.of(one, "network");
                out.add(networks.create(caller, NetworkRequest.create(b), b.strings("tags")));
            }
            return out;
        });
        Object reply = bulk.bulk() ? new NetworkBodies.Many(io.nubo.network.common.Json.node(created))
                : new NetworkBodies.One(created.get(0));
        return ResponseEntity.status(HttpStatus.CREATED).body(reply);
    }

    @GetMapping("/v2.0/networks")
    @ValidatedQuery("network/list-query.json")
    public NetworkBodies.Page list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        ListQuery.Page page = new ListQuery(params).apply(networks.list(caller), "/v2.0/networks");
        return new NetworkBodies.Page(page.items(), page.links());
    }

    @GetMapping("/v2.0/networks/{id}")
    public NetworkBodies.One show(Caller caller, @PathVariable String id,
                                  @RequestParam MultiValueMap<String, String> params) {
        return new NetworkBodies.One(new ListQuery(params).fields(networks.show(caller, id)));
    }

    @PutMapping("/v2.0/networks/{id}")
    @ValidatedBody("network/network-update.json")
    public NetworkBodies.One update(Caller caller, @PathVariable String id,
                                    @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        return new NetworkBodies.One(networks.update(caller, id, NetworkRequest.update(body)));
    }

    @DeleteMapping("/v2.0/networks/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        networks.delete(caller, id);
        return ResponseEntity.noContent().build();
    }
}
