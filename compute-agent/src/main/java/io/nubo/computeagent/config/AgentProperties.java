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
        Migration migration) {

    /**
     * @param libvirtUri this host's libvirtd as the other hosts' libvirtds reach it ({@code qemu+tcp://ADDR/system})
     * @param address    the address qemu on another host sends the guest to ({@code tcp://ADDR}); empty lets
     *                   libvirt choose
     */
    public record Migration(String libvirtUri, String address) {
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
            migration = new Migration(null, null);
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
