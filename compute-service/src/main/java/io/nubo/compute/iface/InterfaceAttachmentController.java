package io.nubo.compute.iface;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.iface.api.InterfaceAttachmentViews;
import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.shared.validation.ValidatedBody;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Nova 2.1's {@code /servers/{server_id}/os-interface}: list, show, attach (200), detach (202). */
@RestController
@RequestMapping("/v2.1/servers/{serverId}/os-interface")
class InterfaceAttachmentController {

    private final ServerService servers;
    private final InterfaceAttachments interfaces;
    private final Access access;

    InterfaceAttachmentController(ServerService servers, InterfaceAttachments interfaces, Access access) {
        this.servers = servers;
        this.interfaces = interfaces;
        this.access = access;
    }

    @GetMapping
    InterfaceAttachmentViews.Many list(Caller caller, @PathVariable String serverId) {
        Instance i = server(caller, serverId, ComputePolicy.INTERFACES_LIST);
        return new InterfaceAttachmentViews.Many(interfaces.list(caller, i).stream()
                .map(InterfaceAttachmentController::view).toList());
    }

    @GetMapping("/{portId}")
    InterfaceAttachmentViews.One show(Caller caller, @PathVariable String serverId, @PathVariable String portId) {
        Instance i = server(caller, serverId, ComputePolicy.INTERFACES_SHOW);
        return new InterfaceAttachmentViews.One(view(interfaces.show(caller, i, portId)));
    }

    @ValidatedBody("compute/interface-attachment-create.json")
    @PostMapping
    InterfaceAttachmentViews.One attach(Caller caller, @PathVariable String serverId, @RequestBody JsonNode body) {
        Instance i = server(caller, serverId, ComputePolicy.INTERFACES_CREATE);
        JsonNode a = body.path("interfaceAttachment");
        String netId = a.path("net_id").asString(null);
        String portId = a.path("port_id").asString(null);
        String ip = a.path("fixed_ips").path(0).path("ip_address").asString(null);
        if (netId != null && portId != null) {
            throw ComputeError.BAD_REQUEST.exception("Must not input both network_id and port_id");
        }
        if (ip != null && netId == null) {
            throw ComputeError.BAD_REQUEST.exception("Must input network_id when request IP address");
        }
        return new InterfaceAttachmentViews.One(view(interfaces.attach(caller, i,
                new NetworkPorts.Requested(netId, portId, ip))));
    }

    @DeleteMapping("/{portId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void detach(Caller caller, @PathVariable String serverId, @PathVariable String portId) {
        Instance i = server(caller, serverId, ComputePolicy.INTERFACES_DELETE);
        interfaces.detach(caller, i, portId);
    }

    private Instance server(Caller caller, String serverId, ComputePolicy policy) {
        Instance i = servers.get(caller, serverId);
        access.check(policy, caller, i.projectId());
        return i;
    }

    private static InterfaceAttachmentViews.Attachment view(NetworkPorts.Interface p) {
        return new InterfaceAttachmentViews.Attachment(p.portState(), p.fixedIps().stream()
                .map(f -> new InterfaceAttachmentViews.FixedIp(f.subnetId(), f.ipAddress())).toList(), p.portId(),
                p.networkId(), p.macAddress());
    }
}
