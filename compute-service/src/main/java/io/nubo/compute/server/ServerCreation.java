package io.nubo.compute.server;

import io.nubo.compute.flavor.Flavor;
import io.nubo.compute.flavor.FlavorService;
import io.nubo.compute.image.ImageClient;
import io.nubo.compute.instanceaction.InstanceActions;
import io.nubo.compute.keypair.KeyPairService;
import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.quota.QuotaResource;
import io.nubo.compute.quota.QuotaService;
import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.servergroup.ServerGroupService;
import io.nubo.compute.server.state.TaskState;
import io.nubo.compute.server.state.VmState;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.error.ComputeException;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.NicSpec;
import io.nubo.shared.events.compute.SpawnInstance;
import io.nubo.shared.outbox.EventPublisher;
import io.nubo.shared.web.RequestIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates servers as Nova's {@code compute/api.py} does, in the request: checks the flavor, the image (in the image
 * service, with the caller's token) and the key, reserves quota, schedules each instance onto a host with an atomic
 * claim, and sends the host's agent a {@link SpawnInstance} through the outbox in the same transaction. An instance
 * no host can take is created in ERROR with a "No valid host" fault that says why.
 */
@Service
public class ServerCreation {

    private final FlavorService flavors;
    private final ImageClient images;
    private final KeyPairService keys;
    private final QuotaService quotas;
    private final Scheduler scheduler;
    private final NetworkPorts network;
    private final ServerGroupService groups;
    private final ObjectProvider<BootVolumes> bootVolumes;
    private final Deps deps;

    /** The persistence side, kept apart so this class stays within a handful of collaborators. */
    record Deps(InstanceStore instances, InstanceActions actions, EventPublisher publisher, TransactionTemplate tx,
                Clock clock) {
    }

    ServerCreation(FlavorService flavors, ImageClient images, KeyPairService keys, QuotaService quotas,
                   Scheduler scheduler, NetworkPorts network, ServerGroupService groups, InstanceStore instances, InstanceActions actions,
                   EventPublisher publisher, PlatformTransactionManager tx, Clock clock,
                   ObjectProvider<BootVolumes> bootVolumes) {
        this.bootVolumes = bootVolumes;
        this.flavors = flavors;
        this.images = images;
        this.keys = keys;
        this.quotas = quotas;
        this.scheduler = scheduler;
        this.network = network;
        this.groups = groups;
        this.deps = new Deps(instances, actions, publisher, new TransactionTemplate(tx), clock);
    }

    /** A create request, already checked against Nova's request schema. */
    public record CreateRequest(String name, String imageRef, String flavorRef, String keyName, String userData,
                                Map<String, String> metadata, String availabilityZone, boolean configDrive,
                                int minCount, int maxCount, NetworkPorts.Request networks, String accessIpv4,
                                String accessIpv6, String groupId, List<BlockDeviceRequest> blockDevices,
                                List<String> securityGroups, String description, String diskConfig) {

        public CreateRequest {
            blockDevices = blockDevices == null ? List.of() : List.copyOf(blockDevices);
            securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        }

        CreateRequest withNetworks(NetworkPorts.Request resolved, List<String> securityGroupIds) {
            return new CreateRequest(name, imageRef, flavorRef, keyName, userData, metadata, availabilityZone,
                    configDrive, minCount, maxCount, resolved, accessIpv4, accessIpv6, groupId, blockDevices,
                    securityGroupIds, description, diskConfig);
        }

        /** Booted from a volume: the root device is a block device mapping, not the image (Nova's is_volume_backed). */
        boolean volumeBacked() {
            return imageRef == null;
        }
    }

    /** An image property (the kernel and ramdisk images a server boots with), or null. */
    static String property(ImageSpec image, String key) {
        return image == null || image.properties() == null ? null : image.properties().get(key);
    }

    /**
     * Nova's OS-DCF:diskConfig of a new server: as asked, else AUTO when the image's {@code auto_disk_config} says
     * true; an image with it {@code disabled} refuses AUTO (400).
     */
    static String diskConfig(String asked, ImageSpec image) {
        String fromImage = property(image, "auto_disk_config");
        if ("AUTO".equals(asked) && "disabled".equalsIgnoreCase(fromImage)) {
            throw ComputeError.BAD_REQUEST.exception("Requested image " + image.id()
                    + " has automatic disk resize disabled.");
        }
        if (asked != null) {
            return asked;
        }
        return fromImage != null && java.util.Set.of("true", "1", "yes", "on", "t", "y")
                .contains(fromImage.toLowerCase(java.util.Locale.ROOT)) ? "AUTO" : "MANUAL";
    }

    public List<Instance> create(Caller caller, CreateRequest r) {
        Flavor flavor = flavors.usable(r.flavorRef(), caller.projectId(), caller.admin())
                .orElseThrow(() -> ComputeError.FLAVOR_REF_NOT_FOUND.exception(r.flavorRef()));
        if (flavor.disabled()) {
            throw ComputeError.BAD_REQUEST.exception("Flavor " + flavor.id() + " is disabled.");
        }
        if (!r.blockDevices().isEmpty()) {
            if (r.maxCount() > 1 && r.blockDevices().stream().anyMatch(b -> b.sourceType().equals("volume"))) {
                throw ComputeError.BAD_REQUEST.exception("Cannot attach one or more volumes to multiple instances");
            }
            bootVolumes.getObject().check(caller, r.blockDevices());
        }
        ImageSpec image = r.volumeBacked() ? null : images.find(caller, r.imageRef());
        diskConfig(r.diskConfig(), image);
        if (image != null) {
            checkImageFits(flavor, image);
        }
        return createChecked(caller, r, flavor, image);
    }

    private static void checkImageFits(Flavor flavor, ImageSpec image) {
        if (flavor.diskGb() > 0 && (long) image.minDisk() > flavor.diskGb()) {
            throw ComputeError.BAD_REQUEST.exception("Flavor's disk is too small for requested image. Flavor disk is "
                    + flavor.diskGb() + " GiB, minimum disk is " + image.minDisk() + " GiB.");
        }
        if (flavor.diskGb() > 0 && image.size() > flavor.diskGb() * 1024L * 1024 * 1024) {
            throw ComputeError.BAD_REQUEST.exception("Flavor's disk is too small for requested image. Flavor disk is "
                    + flavor.diskGb() + " GiB, image is " + image.size() + " bytes.");
        }
        if (image.minRam() > flavor.ramMb()) {
            throw ComputeError.BAD_REQUEST.exception("Flavor's memory is too small for requested image.");
        }
    }

    private List<Instance> createChecked(Caller caller, CreateRequest r, Flavor flavor, ImageSpec image) {
        String keyData = null;
        if (r.keyName() != null) {
            keyData = keys.find(caller.userId(), r.keyName()).map(KeyPairService.KeyPair::publicKey)
                    .orElseThrow(() -> ComputeError.KEY_NAME_NOT_FOUND.exception());
        }
        Zone zone = zone(caller, r.availabilityZone());
        String finalKey = keyData;
        // the named security groups as ids, checked now (Nova's 400 for an unknown one), for the ports made at boot
        CreateRequest resolved = r.withNetworks(network.resolve(caller, r.networks(), r.maxCount()),
                network.securityGroups(caller, r.securityGroups()));
        return deps.tx().execute(s -> createInTransaction(caller, resolved, flavor, image, finalKey, zone));
    }

    private record Zone(String zone, String host) {
    }

    private Zone zone(Caller caller, String requested) {
        if (requested == null || requested.isEmpty()) {
            return new Zone(null, null);
        }
        String[] parts = requested.split(":", -1);
        String zone = parts[0].isEmpty() ? null : parts[0];
        String host = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
        if (host != null && !caller.admin()) {
            throw ComputeError.POLICY.exception(ComputePolicy.SERVER_FORCED_HOST.action());
        }
        if (zone != null && !scheduler.zoneExists(zone)) {
            throw ComputeError.BAD_REQUEST.exception("The requested availability zone is not available");
        }
        return new Zone(zone, host);
    }

    private List<Instance> createInTransaction(Caller caller, CreateRequest r, Flavor flavor, ImageSpec image,
                                               String keyData, Zone zone) {
        int count = reserve(caller, r, flavor);
        Instant now = deps.clock().instant();
        String requestId = RequestIds.current() != null ? RequestIds.current() : RequestIds.generate();
        String reservation = "r-" + UUID.randomUUID().toString().substring(0, 8);
        List<Instance> created = new ArrayList<>();
        ServerGroupService.Group group = r.groupId() == null ? null : groups.lockForBoot(caller, r.groupId(), count);
        Set<String> groupHosts = new java.util.HashSet<>();
        Map<String, Integer> weight = new java.util.HashMap<>();
        int perMember = group == null ? 0 : group.softWeightPerMember();
        if (group != null) {
            for (String member : group.members()) {
                deps.instances().find(member).filter(m -> !m.deleted() && m.host() != null)
                        .ifPresent(m -> {
                            groupHosts.add(m.host());
                            weight.merge(m.host(), perMember, Integer::sum);
                        });
            }
        }
        for (int n = 0; n < count; n++) {
            String id = UUID.randomUUID().toString();
            String name = count > 1 ? r.name() + "-" + (n + 1) : r.name();
            // a volume-backed root takes no local disk (Nova does not claim root_gb for it)
            long localGb = (r.volumeBacked() ? 0L : flavor.diskGb()) + flavor.ephemeralGb();
            Scheduler.Placement p = scheduler.place(new Scheduler.Request(flavor.vcpus(), flavor.ramMb(),
                    localGb, zone.zone(), zone.host(),
                    group != null && group.antiAffinity() ? Set.copyOf(groupHosts) : Set.of(),
                    group != null && group.affinity() ? Set.copyOf(groupHosts) : Set.of(), Map.copyOf(weight)));
            if (p.placed()) {
                groupHosts.add(p.host());
                weight.merge(p.host(), perMember, Integer::sum);
            }
            Instance i = new Instance(id, caller.projectId(), caller.userId(), name, hostname(name), reservation, n,
                    flavor.spec(), image == null ? null : image.id(), r.keyName(), keyData, r.userData(), r.configDrive(),
                    p.placed() ? p.zone() : zone.zone(), zone.zone(), p.host(), p.placed(),
                    p.placed() ? VmState.BUILDING : VmState.ERROR, p.placed() ? TaskState.SPAWNING : null, 0,
                    p.placed() ? requestId : null, p.placed() ? now : null, false, null, r.accessIpv4(),
                    r.accessIpv6(), 0, now, now, null, null, false, null, r.description(),
                    property(image, "kernel_id"), property(image, "ramdisk_id"),
                    diskConfig(r.diskConfig(), image));
            deps.instances().insert(i);
            if (group != null) {
                groups.addMember(group.id(), id);
            }
            if (r.metadata() != null) {
                deps.instances().putMetadata(id, r.metadata());
            }
            if (!p.placed()) {
                deps.instances().addFault(id, 500, p.noValidHostReason(), null, now);
                deps.actions().start(id, requestId, "create", caller.projectId(), caller.userId(),
                        "conductor_schedule_and_build_instances", null, "Error", now);
            } else {
                deps.actions().start(id, requestId, "create", caller.projectId(), caller.userId(),
                        "compute_build_and_run_instance", p.host(), null, now);
                List<NicSpec> nics = network.allocate(caller, new NetworkPorts.Boot(id, p.host(),
                        i.availabilityZone(), false, r.securityGroups()), r.networks());
                SpawnInstance spawn = new SpawnInstance(id, p.host(), requestId, caller.projectId(),
                        caller.userId(), name, i.hostname(), flavor.spec(), image, r.keyName(), keyData,
                        r.userData(), r.metadata() == null ? Map.of() : r.metadata(), r.configDrive(),
                        i.availabilityZone(), n, nics, List.of(), now);
                if (r.blockDevices().isEmpty()) {
                    deps.publisher().publish(spawn, id, caller.projectId());
                } else {
                    bootVolumes.getObject().prepareAndSpawn(caller, i, spawn, r.blockDevices());
                }
            }
            created.add(i);
        }
        return created;
    }

    /** How many instances fit the quota between min_count and max_count; Nova's 403 when not even min_count. */
    private int reserve(Caller caller, CreateRequest r, Flavor flavor) {
        int limit = quotas.limits(caller.projectId()).get(QuotaResource.METADATA_ITEMS);
        if (r.metadata() != null && limit >= 0 && r.metadata().size() > limit) {
            throw ComputeError.OVER_QUOTA.exception("Quota exceeded for metadata_items: Requested "
                    + r.metadata().size() + ", but the limit is " + limit + " metadata_items");
        }
        try {
            reserveFor(caller, flavor, r.maxCount());
            return r.maxCount();
        } catch (ComputeException overQuota) {
            if (r.minCount() == r.maxCount()) {
                throw overQuota;
            }
        }
        reserveFor(caller, flavor, r.minCount());
        return r.minCount();
    }

    private void reserveFor(Caller caller, Flavor flavor, int count) {
        quotas.reserve(caller.projectId(), caller.projectId(), caller.userId(), Map.of(QuotaResource.INSTANCES,
                count, QuotaResource.CORES, count * flavor.vcpus(), QuotaResource.RAM, count * flavor.ramMb()));
    }

    /** Nova's sanitised hostname: letters, digits and hyphens, at most 63 characters. */
    static String hostname(String name) {
        String h = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[ _]", "-").replaceAll("[^a-z0-9.-]", "")
                .replaceAll("^[.-]+|[.-]+$", "");
        if (h.length() > 63) {
            h = h.substring(0, 63).replaceAll("[.-]+$", "");
        }
        return h.isEmpty() ? "server" : h;
    }
}
