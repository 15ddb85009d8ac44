package io.nubo.network.floatingip;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
import io.nubo.network.common.Caller;
import io.nubo.network.common.ListQuery;
import io.nubo.network.floatingip.api.FloatingIpViews;
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

/** Neutron's {@code /v2.0/floatingips}. */
@RestController
public class FloatingIpController {

    private final FloatingIpService fips;

    public FloatingIpController(FloatingIpService fips) {
        this.fips = fips;
    }

    @PostMapping("/v2.0/floatingips")
    @ValidatedBody("network/floatingip-create.json")
    public ResponseEntity<FloatingIpViews.One> create(Caller caller, @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(new FloatingIpViews.One(fips.create(caller, body)));
    }

    @GetMapping("/v2.0/floatingips")
    @ValidatedQuery("network/list-query.json")
    public FloatingIpViews.Page list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        ListQuery.Page page = new ListQuery(params).apply(fips.list(caller), "/v2.0/floatingips");
        return new FloatingIpViews.Page(page.items(), page.links());
    }

    @GetMapping("/v2.0/floatingips/{id}")
    public FloatingIpViews.One show(Caller caller, @PathVariable String id,
                                    @RequestParam MultiValueMap<String, String> params) {
        return new FloatingIpViews.One(new ListQuery(params).fields(fips.show(caller, id)));
    }

    @PutMapping("/v2.0/floatingips/{id}")
    @ValidatedBody("network/floatingip-update.json")
    public FloatingIpViews.One update(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        return new FloatingIpViews.One(fips.update(caller, id, body));
    }

    @DeleteMapping("/v2.0/floatingips/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        fips.delete(caller, id);
        return ResponseEntity.noContent().build();
    }
}
