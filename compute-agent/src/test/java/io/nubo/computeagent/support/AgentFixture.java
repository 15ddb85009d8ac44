package io.nubo.computeagent.support;

import io.nubo.computeagent.command.AttachInterfaceHandler;
import io.nubo.computeagent.command.AttachVolumeHandler;
import io.nubo.computeagent.command.CommandDispatcher;
import io.nubo.computeagent.command.CommandHandler;
import io.nubo.computeagent.command.ConsoleOutputHandler;
import io.nubo.computeagent.command.DeleteHandler;
import io.nubo.computeagent.command.DetachInterfaceHandler;
import io.nubo.computeagent.command.DetachVolumeHandler;
import io.nubo.computeagent.command.GuestBuilder;
import io.nubo.computeagent.command.NicPlumbing;
import io.nubo.computeagent.command.PowerHandler;
import io.nubo.computeagent.command.RebuildHandler;
import io.nubo.computeagent.command.Reports;
import io.nubo.computeagent.command.SnapshotHandler;
import io.nubo.computeagent.command.SpawnHandler;
import io.nubo.computeagent.design.CpuPolicy;
import io.nubo.computeagent.design.GuestDesigner;
import io.nubo.computeagent.design.HostProfile;
import io.nubo.computeagent.disk.ImageCache;
import io.nubo.computeagent.disk.ImageService;
import io.nubo.computeagent.disk.InstanceStorage;
import io.nubo.computeagent.disk.QemuImg;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.computeagent.migration.LiveMigrationHandler;
import io.nubo.computeagent.migration.PreLiveMigrationHandler;
import io.nubo.computeagent.migration.RollbackAtDestinationHandler;
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
                new DetachInterfaceHandler(hypervisor, reports),
                new LiveMigrationHandler(hypervisor, storage, qemuImg, reports, p -> { }, Duration.ofSeconds(1)),
                new PreLiveMigrationHandler(hypervisor, NicPlumbing.none(), reports),
                new RollbackAtDestinationHandler(hypervisor, reports));
        this.dispatcher = new CommandDispatcher(handlers, hypervisor, reports);
    }
}
