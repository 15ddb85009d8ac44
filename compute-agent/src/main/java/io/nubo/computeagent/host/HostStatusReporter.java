package io.nubo.computeagent.host;

import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.HostCapabilities;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.computeagent.hypervisor.NodeResources;
import io.nubo.shared.events.compute.HostStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/** The host's registration and heartbeat: capacity from libvirt and the instances directory, use from its guests. */
public final class HostStatusReporter {

    private final Hypervisor hypervisor;
    private final HostState state;
    private final Path instancesDir;
    private final String host;
    private final Clock clock;
    private final String migrationLibvirtUri;
    private final String migrationUri;
    private final boolean sharedBlockStorage;

    /** {@code migrationLibvirtUri} and {@code migrationUri}: how other hosts reach this one (null: they do not). */
    public HostStatusReporter(Hypervisor hypervisor, HostState state, Path instancesDir, String host, Clock clock,
                              String migrationLibvirtUri, String migrationUri) {
        this(hypervisor, state, instancesDir, host, clock, migrationLibvirtUri, migrationUri, false);
    }

    /** @param sharedBlockStorage the instance disks are RBD images ({@code images.type=rbd}), which every host reaches */
    public HostStatusReporter(Hypervisor hypervisor, HostState state, Path instancesDir, String host, Clock clock,
                              String migrationLibvirtUri, String migrationUri, boolean sharedBlockStorage) {
        this.sharedBlockStorage = sharedBlockStorage;
        this.migrationLibvirtUri = blankToNull(migrationLibvirtUri);
        this.migrationUri = blankToNull(migrationUri);
        this.hypervisor = hypervisor;
        this.state = state;
        this.instancesDir = instancesDir;
        this.host = host;
        this.clock = clock;
    }

    public HostStatus status(String upOrStopping) {
        NodeResources node = hypervisor.node();
        HostCapabilities caps = hypervisor.capabilities();
        int vcpusUsed = 0;
        long memoryUsed = 0;
        int running = 0;
        for (Guest g : hypervisor.guests()) {
            if (GuestNames.instanceId(g.name()) == null) {
                continue;
            }
            DomainDefinition d = g.definition();
            vcpusUsed += d.vcpus();
            memoryUsed += d.memoryMib();
            if (g.active()) {
                running++;
            }
        }
        long totalGb = 0;
        long usedGb = 0;
        try {
            Files.createDirectories(instancesDir);
            FileStore store = Files.getFileStore(instancesDir);
            totalGb = store.getTotalSpace() >> 30;
            usedGb = (store.getTotalSpace() - store.getUsableSpace()) >> 30;
        } catch (IOException e) {
            // reported as 0: the scheduler then places nothing here
        }
        String type = state.profile().virtType();
        return new HostStatus(host, upOrStopping, type.equals("test") ? "test" : type.toUpperCase(Locale.ROOT),
                hypervisor.version(), hostIp(), caps.arch(), caps.cpuModel() != null ? caps.cpuModel() : node.cpuModel(),
                caps.cpuVendor(), caps.cpuFeatures(), node.cpus(), node.memoryMb(), totalGb, vcpusUsed, memoryUsed,
                usedGb, running, state.startedAt(), clock.instant(), migrationLibvirtUri, migrationUri,
                instancesDir.toAbsolutePath().toString(), sharedBlockStorage);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String hostIp() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (IOException e) {
            return "127.0.0.1";
        }
    }
}
