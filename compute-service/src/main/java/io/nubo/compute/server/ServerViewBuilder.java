package io.nubo.compute.server;

import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.server.api.ServerViews;
import io.nubo.compute.server.state.ServerStatus;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.Links;
import io.nubo.compute.wire.WireTime;
import io.nubo.shared.api.Link;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Renders instances in Nova's views (nova/api/openstack/compute/views/servers.py) for the caller. */
@Component
class ServerViewBuilder {

    private final ServerService servers;

    private final Access access;
    private final org.springframework.beans.factory.ObjectProvider<ServerVolumes> volumes;
    private final NetworkPorts network;

    ServerViewBuilder(ServerService servers, Access access, NetworkPorts network,
                      org.springframework.beans.factory.ObjectProvider<ServerVolumes> volumes) {
        this.network = network;
        this.access = access;
        this.servers = servers;
        this.volumes = volumes;
    }

    private List<ServerViews.VolumeAttached> volumesAttached(Instance i) {
        ServerVolumes v = volumes.getIfAvailable();
        return v == null ? List.of() : v.attachedVolumeIds(i.id()).stream().map(ServerViews.VolumeAttached::new)
                .toList();
    }

    /** Nova's hostId: a per-project hash of the host, so projects cannot map each other's placement. */
    static String hostId(Instance i) {
        if (i.host() == null) {
            return "";
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-224")
                    .digest((i.projectId() + i.host()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object image(Instance i) {
        if (i.imageId() == null) {
            return "";
        }
        String base = Links.base();
        return new ServerViews.Ref(i.imageId(), List.of(new Link("bookmark", null, base + "/images/" + i.imageId())));
    }

    private static ServerViews.Ref flavor(Instance i) {
        return new ServerViews.Ref(i.flavor().id(), List.of(new Link("bookmark", null,
                Links.base() + "/flavors/" + i.flavor().id())));
    }

    private ServerViews.Fault fault(Instance i, String status, Caller caller) {
        if (!status.equals("ERROR") && !status.equals("DELETED")) {
            return null;
        }
        return servers.fault(i.id()).map(f -> new ServerViews.Fault(f.code(), WireTime.of(f.created()), f.message(),
                caller.admin() && f.details() != null ? f.details() : null)).orElse(null);
    }

    ServerViews.Detail detail(Instance i, Caller caller) {
        String status = i.status();
        boolean admin = access.allows(ComputePolicy.SERVER_EXTENDED_ATTRIBUTES, caller, i.projectId());
        return new ServerViews.Detail(i.id(), i.displayName(), status, i.projectId(), i.userId(),
                servers.metadata(i.id()), hostId(i), image(i), flavor(i), WireTime.of(i.createdAt()),
                WireTime.of(i.updatedAt()), network.addresses(i.id()), nz(i.accessIpv4()), nz(i.accessIpv6()),
                Links.of("servers", i.id()), "MANUAL", ServerStatus.showsProgress(status) ? i.progress() : null,
                fault(i, status, caller), i.keyName(), null, WireTime.micros(i.launchedAt()),
                WireTime.micros(i.terminatedAt()), i.availabilityZone() == null ? "" : i.availabilityZone(),
                i.vmState().wire(), i.taskState() == null ? null : i.taskState().wire(), i.powerState(),
                admin ? i.host() : null, admin ? i.instanceName() : null, admin ? i.host() : null, volumesAttached(i),
                i.configDrive() ? "True" : "");
    }

    ServerViews.Basic basic(Instance i, Caller caller, String adminPass) {
        String status = i.status();
        return new ServerViews.Basic(i.id(), i.displayName(), status, i.projectId(), i.userId(),
                servers.metadata(i.id()), hostId(i), image(i), flavor(i), WireTime.of(i.createdAt()),
                WireTime.of(i.updatedAt()), network.addresses(i.id()), nz(i.accessIpv4()), nz(i.accessIpv6()),
                Links.of("servers", i.id()), "MANUAL", ServerStatus.showsProgress(status) ? i.progress() : null,
                fault(i, status, caller), adminPass);
    }

    /** The server's addresses (os-ips). */
    Map<String, Object> addresses(Instance i) {
        return network.addresses(i.id());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
