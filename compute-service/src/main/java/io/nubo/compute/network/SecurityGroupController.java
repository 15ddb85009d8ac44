package io.nubo.compute.network;

import io.nubo.compute.network.api.NovaNetworkViews;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Nova 2.1's os-security-groups and os-security-group-rules, proxied to the network service (Nova's 2.1 API does the
 * same with Neutron; they are gone from 2.36 on, which Nubo does not announce).
 */
@RestController
class SecurityGroupController {

    private final SecurityGroupProxy groups;
    private final Access access;

    SecurityGroupController(SecurityGroupProxy groups, Access access) {
        this.groups = groups;
        this.access = access;
    }

    @GetMapping("/v2.1/os-security-groups")
    NovaNetworkViews.Groups list(Caller caller,
                                 @RequestParam(name = "all_tenants", required = false) String allTenants) {
        check(caller);
        return new NovaNetworkViews.Groups(groups.list(caller, allTenants != null && !allTenants.equals("0")
                && !allTenants.equalsIgnoreCase("false")));
    }

    @GetMapping("/v2.1/os-security-groups/{id}")
    NovaNetworkViews.OneGroup show(Caller caller, @PathVariable String id) {
        check(caller);
        return new NovaNetworkViews.OneGroup(groups.show(caller, id));
    }

    @PostMapping("/v2.1/os-security-groups")
    NovaNetworkViews.OneGroup create(Caller caller, @RequestBody(required = false) JsonNode body) {
        check(caller);
        return new NovaNetworkViews.OneGroup(groups.create(caller, body));
    }

    @PutMapping("/v2.1/os-security-groups/{id}")
    NovaNetworkViews.OneGroup update(Caller caller, @PathVariable String id,
                                     @RequestBody(required = false) JsonNode body) {
        check(caller);
        return new NovaNetworkViews.OneGroup(groups.update(caller, id, body));
    }

    @DeleteMapping("/v2.1/os-security-groups/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void delete(Caller caller, @PathVariable String id) {
        check(caller);
        groups.delete(caller, id);
    }

    @PostMapping("/v2.1/os-security-group-rules")
    NovaNetworkViews.OneRule createRule(Caller caller, @RequestBody(required = false) JsonNode body) {
        check(caller);
        return new NovaNetworkViews.OneRule(groups.createRule(caller, body));
    }

    @DeleteMapping("/v2.1/os-security-group-rules/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void deleteRule(Caller caller, @PathVariable String id) {
        check(caller);
        groups.deleteRule(caller, id);
    }

    private void check(Caller caller) {
        access.check(ComputePolicy.SECURITY_GROUPS, caller, caller.projectId());
    }
}
