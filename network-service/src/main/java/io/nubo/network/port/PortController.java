package io.nubo.network.port;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
import io.nubo.network.common.Bulk;
import io.nubo.network.common.Caller;
import io.nubo.network.common.Json;
import io.nubo.network.common.ListQuery;
import io.nubo.network.error.NetworkError;
import io.nubo.network.port.api.PortBodies;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
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

/** Neutron's {@code /v2.0/ports}. */
@RestController
public class PortController {

    /** A create that lost a race on a unique MAC is tried again with a fresh draw. */
    static final int ATTEMPTS = 3;

    private final PortService ports;
    private final TransactionTemplate tx;

    public PortController(PortService ports, TransactionTemplate tx) {
        this.ports = ports;
        this.tx = tx;
    }

    @PostMapping("/v2.0/ports")
    @ValidatedBody("network/port-create.json")
    public ResponseEntity<Object> create(Caller caller, @RequestBody JsonNode body) {
        Bulk bulk = Bulk.of(body, "port", "ports");
        List<PortRequest> requests = bulk.bodies().stream().map(PortRequest::create).toList();
        List<JsonNode> created = null;
        for (int attempt = 1; created == null; attempt++) {
            try {
                created = tx.execute(s -> {
                    List<JsonNode> out = new ArrayList<>();
                    requests.forEach(r -> out.add(ports.create(caller, r)));
                    return out;
                });
            } catch (DataIntegrityViolationException e) {
                if (attempt >= ATTEMPTS || requests.stream().anyMatch(r -> r.macAddress() != null)) {
                    throw NetworkError.CONFLICT.exception("The port conflicts with another port created at the same"
                            + " time (MAC address); try again.");
                }
            }
        }
        Object reply = bulk.bulk() ? new PortBodies.Many(Json.node(created)) : new PortBodies.One(created.get(0));
        return ResponseEntity.status(HttpStatus.CREATED).body(reply);
    }

    @GetMapping("/v2.0/ports")
    @ValidatedQuery("network/list-query.json")
    public PortBodies.Page list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        ListQuery.Page page = new ListQuery(params).apply(ports.list(caller), "/v2.0/ports");
        return new PortBodies.Page(page.items(), page.links());
    }

    @GetMapping("/v2.0/ports/{id}")
    public PortBodies.One show(Caller caller, @PathVariable String id,
                               @RequestParam MultiValueMap<String, String> params) {
        return new PortBodies.One(new ListQuery(params).fields(ports.show(caller, id)));
    }

    @PutMapping("/v2.0/ports/{id}")
    @ValidatedBody("network/port-update.json")
    public PortBodies.One update(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        try {
            return new PortBodies.One(ports.update(caller, id, PortRequest.update(body)));
        } catch (DataIntegrityViolationException e) {
            throw NetworkError.CONFLICT.exception("The port update conflicts with another port (MAC address).");
        }
    }

    @DeleteMapping("/v2.0/ports/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        ports.delete(caller, id);
        return ResponseEntity.noContent().build();
    }
}
