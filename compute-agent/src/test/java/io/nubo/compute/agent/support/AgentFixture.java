package io.nubo.compute.agent.support;

import io.nubo.compute.agent.command.AttachInterfaceHandler;
import io.nubo.compute.agent.command.AttachVolumeHandler;
import io.nubo.compute.agent.command.CommandDispatcher;
import io.nubo.compute.agent.command.CommandHandler;
import io.nubo.compute.agent.command.ConsoleOutputHandler;
import io.nubo.compute.agent.command.DeleteHandler;
import io.nubo.compute.agent.command.DetachInterfaceHandler;
import io.nubo.compute.agent.command.DetachVolumeHandler;
import io.nubo.compute.agent.command.GuestBuilder;
import io.nubo.compute.agent.command.PowerHandler;
import io.nubo.compute.agent.command.RebuildHandler;
import io.nubo.compute.agent.command.Reports;
import io.nubo.compute.agent.command.SnapshotHandler;
import io.nubo.compute.agent.command.SpawnHandler;
import io.nubo.compute.agent.design.CpuPolicy;
import io.nubo.compute.agent.design.GuestDesigner;
import io.nubo.compute.agent.design.HostProfile;
import io.nubo.compute.agent.disk.ImageCache;
import io.nubo.compute.agent.disk.ImageService;
import io.nubo.compute.agent.disk.InstanceStorage;
import io.nubo.compute.agent.disk.QemuImg;
import io.nubo.compute.agent.hypervisor.Hypervisor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The agent's command side wired by hand (as the Spring configuration does) around one hypervisor. */
public final class AgentFixture {

    public final Hypervisor hypervisor;
    public final InstanceStorage storage;
    public final CommandDispatcher dispatcher;
    public final Reports reports;

    public AgentFixture(Hypervisor hypervisor, String virtType, Path workDir, ImageService images) {
        this.hypervisor = hypervisor;
        QemuImg qemuImg = new QemuImg();
        this.storage = new InstanceStorage(workDir.resolve("instances"),
                new ImageCache(workDir.resolve("instances/_base"), images), qemuImg);
        this.reports = new Reports("host-1", Clock.systemUTC());
        GuestBuilder builder = new GuestBuilder(hypervisor, storage, new GuestDesigner(CpuPolicy.hypervisorDefault()),
                () -> new HostProfile(virtType, "x86_64"));
        List<CommandHandler<?>> handlers = List.of(new SpawnHandler(builder, reports),
                new PowerHandler(hypervisor, reports, Duration.ofSeconds(5)), new RebuildHandler(builder, reports),
                new SnapshotHandler(hypervisor, storage, qemuImg, images, reports), new DeleteHandler(builder, reports),
                new ConsoleOutputHandler(storage, reports), new AttachVolumeHandler(hypervisor, reports),
                new DetachVolumeHandler(hypervisor, reports), new AttachInterfaceHandler(hypervisor, reports),
                new DetachInterfaceHandler(hypervisor, reports));
        this.dispatcher = new CommandDispatcher(handlers, hypervisor, reports);
    }
}
