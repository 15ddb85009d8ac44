package io.nubo.computeagent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agent's configuration, {@code nubo.agent.*}. The agent refuses to start, naming every missing setting, when
 * something required is not given.
 *
 * @param host              this compute host's name (the API schedules to it; commands for other hosts are
 *                          ignored); default the machine's host name
 * @param libvirtUri        where libvirtd answers ({@code qemu:///system}; {@code test:///default} in tests)
 * @param virtType          {@code auto} (probe KVM with a tiny guest, else qemu), {@code kvm} or {@code qemu}
 * @param instancesDir      each instance's files; the image cache is {@code _base} inside, as Nova's
 * @param imageServiceUrl   the image service's root (its {@code /v2/images} API)
 * @param identity          the agent's account, to download images and upload snapshots
 * @param cpuMode           {@code none}, {@code host-model}, {@code host-passthrough} or {@code custom}
 *                          (Nova's {@code cpu_mode}), with {@code cpuModels} and {@code cpuModelExtraFlags}
 * @param shutdownTimeout   how long a clean shutdown may take before the guest is destroyed
 * @param heartbeatInterval how often the host status is sent
 * @param probeTimeout      how long the KVM probe guest has to print
 * @param workers           how many instances the agent works on at once (one operation at a time each)
 * @param migration         how other hosts reach this one for a live migration (reported in HostStatus); unset,
 *                          the host takes no incoming live migrations
 * @param images            where instance disks live (Nova's {@code [libvirt] images_type}): files under
 *                          {@code instancesDir}, or RBD images in a Ceph pool
 */
@ConfigurationProperties("nubo.agent")
public record AgentProperties(
        String host,
        @DefaultValue("qemu:///system") String libvirtUri,
        @DefaultValue("auto") String virtType,
        Path instancesDir,
        URI imageServiceUrl,
        Identity identity,
        @DefaultValue("none") String cpuMode,
        List<String> cpuModels,
        List<String> cpuModelExtraFlags,
        @DefaultValue("60s") Duration shutdownTimeout,
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("5s") Duration probeTimeout,
        @DefaultValue("4") int workers,
        Migration migration,
        Images images) {

    /**
     * @param libvirtUri this host's libvirtd as the other hosts' libvirtds reach it ({@code qemu+tcp://ADDR/system})
     * @param address    the address qemu on another host sends the guest to ({@code tcp://ADDR}); empty lets
     *                   libvirt choose
     * @param progressInterval how often an outgoing live migration's progress is read from libvirt and reported
     */
    public record Migration(String libvirtUri, String address, Duration progressInterval) {

        // The one place of this default (not @DefaultValue): without a nubo.agent.migration section the binder
        // makes no Migration, and AgentProperties' constructor makes one with nulls.
        public Migration {
            if (progressInterval == null) {
                progressInterval = Duration.ofSeconds(1);
            }
        }
    }

    /**
     * Nova's {@code [libvirt] images_type}, {@code images_rbd_pool}, {@code images_rbd_ceph_conf}, {@code rbd_user}
     * and {@code rbd_secret_uuid}: {@code qcow2} (the default: a qcow2 overlay per disk under the instances
     * directory) or {@code rbd} (root, ephemeral and swap disks are RBD images {@code <pool>/<instance>_disk},
     * {@code _disk.eph0}, {@code _disk.swap}; a root disk is a copy-on-write clone of the image's {@code snap} when
     * the image service keeps the image in RBD in the same cluster; the config drive stays a local file).
     *
     * @param rbdSecretUuid the libvirt secret holding {@code rbdUser}'s cephx key, which qemu logs in with; when
     *                      libvirt has no such secret the agent defines it from the user's keyring (the one the
     *                      ceph.conf names). It is the host's, shared by every guest: deleting a guest leaves it
     */
    public record Images(String type, String rbdPool, String rbdCephConf, String rbdUser, String rbdSecretUuid) {

        // The one place of these defaults (not @DefaultValue), as Migration's: without a nubo.agent.images section
        // the binder makes no Images, and AgentProperties' constructor makes one with nulls.
        public Images {
            type = type == null ? "qcow2" : type;
            rbdPool = rbdPool == null ? "vms" : rbdPool;
            rbdCephConf = rbdCephConf == null ? "/etc/ceph/ceph.conf" : rbdCephConf;
            rbdUser = rbdUser == null ? "admin" : rbdUser;
            if (!List.of("qcow2", "rbd").contains(type)) {
                throw new IllegalArgumentException("nubo.agent.images.type must be qcow2 or rbd, not " + type);
            }
            if ("rbd".equals(type)) {
                if (rbdPool == null || !rbdPool.matches("[A-Za-z0-9_.-]{1,100}")) {
                    throw new IllegalArgumentException("nubo.agent.images.rbd-pool is not a pool name: " + rbdPool);
                }
                if (rbdSecretUuid == null || !rbdSecretUuid.matches("[0-9a-fA-F-]{36}")) {
                    throw new IllegalArgumentException("The compute agent cannot start: nubo.agent.images.type=rbd "
                            + "needs nubo.agent.images.rbd-secret-uuid (the libvirt secret of the cephx key, "
                            + "e.g. $(uuidgen))");
                }
                if (rbdUser == null || !rbdUser.matches("[A-Za-z0-9_.-]{1,64}")) {
                    throw new IllegalArgumentException("nubo.agent.images.rbd-user is not a cephx user: " + rbdUser);
                }
            }
        }

        public boolean rbd() {
            return "rbd".equals(type);
        }
    }

    /** The agent's own account ({@code POST /v3/auth/tokens} with a password, project scope). */
    public record Identity(URI url, String username, String password, @DefaultValue("service") String project,
                           @DefaultValue("Default") String userDomain, @DefaultValue("Default") String projectDomain) {
    }

    public AgentProperties {
        List<String> missing = new ArrayList<>();
        if (instancesDir == null) {
            missing.add("nubo.agent.instances-dir (where instance disks go, e.g. /var/lib/nubo/instances)");
        }
        if (imageServiceUrl == null) {
            missing.add("nubo.agent.image-service-url (e.g. http://controller:9292)");
        }
        if (identity == null || identity.url() == null) {
            missing.add("nubo.agent.identity.url (e.g. http://controller:5000/v3)");
        }
        if (identity == null || identity.username() == null || identity.username().isBlank()) {
            missing.add("nubo.agent.identity.username");
        }
        if (identity == null || identity.password() == null || identity.password().isEmpty()) {
            missing.add("nubo.agent.identity.password");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The compute agent cannot start: set " + String.join(", ", missing));
        }
        if (host == null || host.isBlank()) {
            host = localHostName();
        }
        if (!List.of("auto", "kvm", "qemu").contains(virtType)) {
            throw new IllegalArgumentException("nubo.agent.virt-type must be auto, kvm or qemu, not " + virtType);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("nubo.agent.workers must be at least 1");
        }
        cpuModels = cpuModels == null ? List.of() : List.copyOf(cpuModels);
        cpuModelExtraFlags = cpuModelExtraFlags == null ? List.of() : List.copyOf(cpuModelExtraFlags);
        if (migration == null) {
            migration = new Migration(null, null, null);
        }
        if (images == null) {
            images = new Images(null, null, null, null, null);
        }
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("nubo.agent.host is not set and this machine's host name is unknown");
        }
    }
}
