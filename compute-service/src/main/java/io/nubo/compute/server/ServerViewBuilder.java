package io.nubo.compute.server;

import io.nubo.compute.host.HostRegistry;
import io.nubo.compute.network.FixedAddress;
import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.server.api.ServerViews;
import io.nubo.compute.server.state.ServerStatus;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.Links;
import io.nubo.compute.wire.WireTime;
import io.nubo.shared.api.Link;
import io.nubo.shared.microversion.ApiVersion;
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
    private final HostRegistry hosts;

    private final ServerTags tags;

    ServerViewBuilder(ServerService servers, Access access, NetworkPorts network,
                      org.springframework.beans.factory.ObjectProvider<ServerVolumes> volumes, HostRegistry hosts,
                      ServerTags tags) {
        this.tags = tags;
        this.hosts = hosts;
        this.network = network;
        this.access = access;
        this.servers = servers;
        this.volumes = volumes;
    }

    /** From 2.3 each volume says {@code delete_on_termination}: false, as only attached volumes exist yet. */
    private List<ServerViews.VolumeAttached> volumesAttached(Instance i, ApiVersion version) {
        ServerVolumes v = volumes.getIfAvailable();
        Boolean deleteOnTermination = version.atLeast("2.3") ? Boolean.FALSE : null;
        return v == null ? List.of() : v.attachedVolumeIds(i.id()).stream()
                .map(id -> new ServerViews.VolumeAttached(id, deleteOnTermination)).toList();
    }

    /**
     * The extended attributes of 2.3 for those who see the host. The agent names the root disk {@code vda} (the
     * libvirt driver's naming), known once the server is on a host.
     */
    private static ServerViews.ExtendedAttributes extended(Instance i, ApiVersion version, boolean admin) {
        if (!admin || !version.atLeast("2.3")) {
            return null;
        }
        return new ServerViews.ExtendedAttributes(i.reservationId(), i.launchIndex(), nz(i.kernelId()),
                nz(i.ramdiskId()), i.hostname(), i.host() == null ? null : "/dev/vda", i.userData());
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

    ServerViews.Detail detail(Instance i, Caller caller, ApiVersion version) {
        return details(List.of(i), caller, version).get(0);
    }

    /**
     * The full views of a page of servers; their security groups come from the network service in one batch (Nova's
     * {@code security_groups}: the names on the server's ports, absent when there are none).
     */
    List<ServerViews.Detail> details(List<Instance> page, Caller caller, ApiVersion version) {
        Map<String, List<String>> groups = page.isEmpty() ? Map.of()
                : network.securityGroupNames(caller, page.stream().map(Instance::id).toList());
        Map<String, List<String>> tags = version.atLeast("2.26") && !page.isEmpty()
                ? this.tags.of(page.stream().map(Instance::id).toList()) : null;
        return page.stream().map(i -> detail(i, caller, version, groups.get(i.id()),
                tags == null ? null : tags.getOrDefault(i.id(), List.of()))).toList();
    }

    /** {@code tags}: null (absent) before 2.26. */
    private ServerViews.Detail detail(Instance i, Caller caller, ApiVersion version, List<String> groupNames,
                                      List<String> tags) {
        String status = i.status();
        boolean admin = access.allows(ComputePolicy.SERVER_EXTENDED_ATTRIBUTES, caller, i.projectId());
        String hostStatus = version.atLeast("2.16") && access.allows(ComputePolicy.SERVER_HOST_STATUS, caller,
                i.projectId()) ? hosts.hostStatus(i.host()) : null;
        return new ServerViews.Detail(i.id(), i.displayName(), status, i.projectId(), i.userId(),
                servers.metadata(i.id()), hostId(i), image(i), flavor(i), WireTime.of(i.createdAt()),
                WireTime.of(i.updatedAt()), network.addresses(i.id()), nz(i.accessIpv4()), nz(i.accessIpv6()),
                Links.of("servers", i.id()), i.diskConfig(), ServerStatus.showsProgress(status) ? i.progress() : null,
                fault(i, status, caller), i.keyName(), groupNames == null ? null
                        : groupNames.stream().map(ServerViews.SecurityGroup::new).toList(),
                WireTime.micros(i.launchedAt()),
                WireTime.micros(i.terminatedAt()), i.availabilityZone() == null ? "" : i.availabilityZone(),
                i.vmState().wire(), i.taskState() == null ? null : i.taskState().wire(), i.powerState(),
                admin ? i.host() : null, admin ? i.instanceName() : null, admin ? i.host() : null,
                volumesAttached(i, version), i.configDrive() ? "True" : "", extended(i, version, admin),
                locked(i, version), hostStatus, described(i, version), tags);
    }

    /** {@code locked} from 2.9 on. */
    private static Boolean locked(Instance i, ApiVersion version) {
        return version.atLeast("2.9") ? i.locked() : null;
    }

    /** {@code description} from 2.19 on. */
    private static ServerViews.Described described(Instance i, ApiVersion version) {
        return version.atLeast("2.19") ? new ServerViews.Described(i.description()) : null;
    }

    ServerViews.Basic basic(Instance i, Caller caller, ApiVersion version, String adminPass) {
        String status = i.status();
        return new ServerViews.Basic(i.id(), i.displayName(), status, i.projectId(), i.userId(),
                servers.metadata(i.id()), hostId(i), image(i), flavor(i), WireTime.of(i.createdAt()),
                WireTime.of(i.updatedAt()), plainAddresses(i), nz(i.accessIpv4()), nz(i.accessIpv6()),
                Links.of("servers", i.id()), i.diskConfig(), ServerStatus.showsProgress(status) ? i.progress() : null,
                fault(i, status, caller), adminPass, locked(i, version), described(i, version),
                version.atLeast("2.26") ? tags.of(i.id()) : null);
    }

    /** The addresses as update and rebuild show them: address and version only. */
    private Map<String, Object> plainAddresses(Instance i) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        network.addresses(i.id()).forEach((net, list) -> out.put(net, ((List<?>) list).stream()
                .map(a -> a instanceof FixedAddress f ? new ServerViews.PlainAddress(f.addr(), f.version()) : a)
                .toList()));
        return out;
    }

    /** The server's addresses (os-ips: address and version, as Nova's ips view). */
    Map<String, Object> addresses(Instance i) {
        return plainAddresses(i);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
