package io.nubo.network.router;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
import io.nubo.network.common.Caller;
import io.nubo.network.common.ListQuery;
import io.nubo.network.router.api.RouterViews;
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

/** Neutron's {@code /v2.0/routers}, with add_router_interface and remove_router_interface. */
@RestController
public class RouterController {

    private final RouterService routers;

    public RouterController(RouterService routers) {
        this.routers = routers;
    }

    @PostMapping("/v2.0/routers")
    @ValidatedBody("network/router-create.json")
    public ResponseEntity<RouterViews.One> create(Caller caller, @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(new RouterViews.One(routers.create(caller, body)));
    }

    @GetMapping("/v2.0/routers")
    @ValidatedQuery("network/list-query.json")
    public RouterViews.Page list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        ListQuery.Page page = new ListQuery(params).apply(routers.list(caller), "/v2.0/routers");
        return new RouterViews.Page(page.items(), page.links());
    }

    @GetMapping("/v2.0/routers/{id}")
    public RouterViews.One show(Caller caller, @PathVariable String id,
                                @RequestParam MultiValueMap<String, String> params) {
        return new RouterViews.One(new ListQuery(params).fields(routers.show(caller, id)));
    }

    @PutMapping("/v2.0/routers/{id}")
    @ValidatedBody("network/router-update.json")
    public RouterViews.One update(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        return new RouterViews.One(routers.update(caller, id, body));
    }

    @DeleteMapping("/v2.0/routers/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        routers.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/v2.0/routers/{id}/add_router_interface")
    @ValidatedBody("network/router-interface.json")
    public RouterViews.Interface addInterface(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        return routers.addInterface(caller, id, body);
    }

    @PutMapping("/v2.0/routers/{id}/remove_router_interface")
    @ValidatedBody("network/router-interface.json")
    public RouterViews.Interface removeInterface(Caller caller, @PathVariable String id,
                                                 @RequestBody JsonNode body) {
        return routers.removeInterface(caller, id, body);
    }
}
