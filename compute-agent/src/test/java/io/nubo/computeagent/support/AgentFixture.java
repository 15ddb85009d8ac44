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
import io.nubo.computeagent.command.ResizeHandler;
import io.nubo.computeagent.command.RevertResizeHandler;
import io.nubo.computeagent.command.ConfirmResizeHandler;
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
        this(hypervisor, virtType, workDir, images, null);
    }

    /** @param rbd the Ceph pool the disks live in ({@code images.type=rbd}), or null for files */
    public AgentFixture(Hypervisor hypervisor, String virtType, Path workDir, ImageService images,
                        io.nubo.computeagent.disk.RbdImages rbd) {
        this.hypervisor = hypervisor;
        QemuImg qemuImg = new QemuImg();
        this.storage = new InstanceStorage(workDir.resolve("instances"),
                new ImageCache(workDir.resolve("instances/_base"), images), qemuImg, rbd);
        this.reports = new Reports("host-1", Clock.systemUTC());
        GuestBuilder builder = new GuestBuilder(hypervisor, storage, new GuestDesigner(CpuPolicy.hypervisorDefault()),
                () -> new HostProfile(virtType, "x86_64"));
        List<CommandHandler<?>> handlers = List.of(new SpawnHandler(builder, reports),
                new PowerHandler(hypervisor, reports, Duration.ofSeconds(5)), new RebuildHandler(builder, reports),
                new SnapshotHandler(hypervisor, storage, qemuImg, images, reports), new DeleteHandler(builder, reports),
                new io.nubo.computeagent.command.DestroyEvacuatedHandler(builder, reports),
                new ConsoleOutputHandler(storage, reports), new AttachVolumeHandler(hypervisor, reports),
                new DetachVolumeHandler(hypervisor, reports),
                new io.nubo.computeagent.command.ExtendVolumeHandler(hypervisor, reports),
                new AttachInterfaceHandler(hypervisor, reports),
                new DetachInterfaceHandler(hypervisor, reports),
                new ResizeHandler(builder, qemuImg, Duration.ofSeconds(30), reports),
                new RevertResizeHandler(builder, qemuImg, Duration.ofSeconds(30), reports),
                new ConfirmResizeHandler(builder, reports),
                new LiveMigrationHandler(hypervisor, storage, qemuImg, reports, p -> { }, Duration.ofSeconds(1)),
                new PreLiveMigrationHandler(hypervisor, NicPlumbing.none(), reports),
                new RollbackAtDestinationHandler(hypervisor, reports));
        this.dispatcher = new CommandDispatcher(handlers, hypervisor, reports);
    }

    /** The guest's console log once it shows {@code marker} (within {@code timeout}), or an AssertionError. */
    public String awaitConsole(String instanceId, String marker, Duration timeout) throws InterruptedException,
            java.io.IOException {
        java.nio.file.Path log = storage.consoleLog(instanceId);
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            if (java.nio.file.Files.exists(log)) {
                text = java.nio.file.Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (text.contains(marker)) {
                    return text;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + marker + "' on the console of " + instanceId + " within " + timeout
                + ":\n" + text);
    }
}
