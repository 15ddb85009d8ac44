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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Nova 2.1's os-floating-ips and os-floating-ip-pools, proxied to the network service. */
@RestController
class FloatingIpController {

    private final FloatingIpProxy floatingIps;
    private final Access access;

    FloatingIpController(FloatingIpProxy floatingIps, Access access) {
        this.floatingIps = floatingIps;
        this.access = access;
    }

    @GetMapping("/v2.1/os-floating-ip-pools")
    NovaNetworkViews.Pools pools(Caller caller) {
        check(caller);
        return new NovaNetworkViews.Pools(floatingIps.pools(caller));
    }

    @GetMapping("/v2.1/os-floating-ips")
    NovaNetworkViews.FloatingIps list(Caller caller) {
        check(caller);
        return new NovaNetworkViews.FloatingIps(floatingIps.list(caller));
    }

    @GetMapping("/v2.1/os-floating-ips/{id}")
    NovaNetworkViews.OneFloatingIp show(Caller caller, @PathVariable String id) {
        check(caller);
        return new NovaNetworkViews.OneFloatingIp(floatingIps.show(caller, id));
    }

    @PostMapping("/v2.1/os-floating-ips")
    NovaNetworkViews.OneFloatingIp allocate(Caller caller, @RequestBody(required = false) JsonNode body) {
        check(caller);
        String pool = body != null && body.path("pool").isString() ? body.path("pool").asString() : null;
        return new NovaNetworkViews.OneFloatingIp(floatingIps.allocate(caller, pool));
    }

    @DeleteMapping("/v2.1/os-floating-ips/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void deallocate(Caller caller, @PathVariable String id) {
        check(caller);
        floatingIps.deallocate(caller, id);
    }

    private void check(Caller caller) {
        access.check(ComputePolicy.FLOATING_IPS, caller, caller.projectId());
    }
}
