package io.nubo.compute.servernet;

import io.nubo.compute.network.SecurityGroupProxy;
import io.nubo.compute.network.api.NovaNetworkViews;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Nova 2.1's {@code GET /servers/{server_id}/os-security-groups}: the groups of the server's ports. */
@RestController
class ServerSecurityGroupController {

    private final ServerService servers;
    private final SecurityGroupProxy groups;
    private final Access access;

    ServerSecurityGroupController(ServerService servers, SecurityGroupProxy groups, Access access) {
        this.servers = servers;
        this.groups = groups;
        this.access = access;
    }

    @GetMapping("/v2.1/servers/{serverId}/os-security-groups")
    NovaNetworkViews.Groups list(Caller caller, @PathVariable String serverId) {
        Instance i = servers.get(caller, serverId);
        access.check(ComputePolicy.SECURITY_GROUPS, caller, i.projectId());
        return new NovaNetworkViews.Groups(groups.ofInstance(caller, i.id()));
    }
}
