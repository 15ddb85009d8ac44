package io.nubo.computeagent.config;

import io.nubo.computeagent.command.AttachInterfaceHandler;
import io.nubo.computeagent.command.AttachVolumeHandler;
import io.nubo.computeagent.command.ExtendVolumeHandler;
import io.nubo.computeagent.command.CommandDispatcher;
import io.nubo.computeagent.command.CommandHandler;
import io.nubo.computeagent.command.ConsoleOutputHandler;
import io.nubo.computeagent.migration.LiveMigrationJobHandler;
import io.nubo.computeagent.command.DeleteHandler;
import io.nubo.computeagent.command.DestroyEvacuatedHandler;
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
import io.nubo.computeagent.disk.GlanceImageService;
import io.nubo.computeagent.disk.ImageCache;
import io.nubo.computeagent.disk.ImageService;
import io.nubo.computeagent.disk.InstanceStorage;
import io.nubo.computeagent.disk.KeystoneToken;
import io.nubo.computeagent.disk.QemuImg;
import io.nubo.computeagent.disk.RbdImages;
import io.nubo.computeagent.host.CommandConsumer;
import io.nubo.computeagent.host.HostAgent;
import io.nubo.computeagent.host.HostState;
import io.nubo.computeagent.host.HostStatusReporter;
import io.nubo.computeagent.host.Reconciler;
import io.nubo.computeagent.host.ReportPublisher;
import io.nubo.computeagent.migration.LiveMigrationHandler;
import io.nubo.computeagent.migration.PreLiveMigrationHandler;
import io.nubo.computeagent.migration.RollbackAtDestinationHandler;
import io.nubo.computeagent.host.VirtTypeProbe;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.computeagent.hypervisor.LibvirtHypervisor;
import io.nubo.shared.events.EventCodec;
import io.nubo.shared.nativecall.NativeStackExecutor;
import io.nubo.shared.outbox.EventPublisher;
import io.nubo.shared.outbox.InboxGuard;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the agent: libvirt, disks, the handlers, and the host's start, heartbeat and command consumer. */
@Configuration(proxyBeanMethods = false)
public class AgentConfiguration {

    @Bean(destroyMethod = "close")
    NativeStackExecutor libvirtCalls(AgentProperties p) {
        return new NativeStackExecutor("libvirt", Math.max(4, p.workers() + 2), NativeStackExecutor.NATIVE_STACK_BYTES);
    }

    @Bean(destroyMethod = "close")
    Hypervisor hypervisor(AgentProperties p, NativeStackExecutor libvirtCalls) {
        return new LibvirtHypervisor(p.libvirtUri(), libvirtCalls);
    }

    @Bean
    Reports reports(AgentProperties p) {
        return new Reports(p.host(), Clock.systemUTC());
    }

    @Bean
    ImageService imageService(AgentProperties p) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        AgentProperties.Identity id = p.identity();
        KeystoneToken token = new KeystoneToken(http, new KeystoneToken.Credentials(id.url(), id.username(),
                id.password(), id.project(), id.userDomain(), id.projectDomain()));
        return new GlanceImageService(http, p.imageServiceUrl(), token);
    }

    @Bean
    QemuImg qemuImg() {
        return new QemuImg();
    }

    @Bean
    InstanceStorage instanceStorage(AgentProperties p, ImageService images, QemuImg qemuImg,
                                    org.springframework.beans.factory.ObjectProvider<RbdImages> rbd) {
        return new InstanceStorage(p.instancesDir(), new ImageCache(p.instancesDir().resolve("_base"), images),
                qemuImg, p.images().rbd() ? rbd.getObject() : null);
    }

    /** Instance disks in Ceph ({@code nubo.agent.images.type=rbd}); the agent does not start when Ceph is not there. */
    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "nubo.agent.images.type",
            havingValue = "rbd")
    RbdImages rbdImages(AgentProperties p) {
        AgentProperties.Images i = p.images();
        return new RbdImages(i.rbdCephConf(), i.rbdUser(), i.rbdPool(), i.rbdSecretUuid());
    }

    @Bean
    NicPlumbing nicPlumbing(AgentProperties p, NetworkingProperties networking) {
        return networking.linux(p.libvirtUri()) ? new NicPlumbing(new io.nubo.network.dataplane.LinuxHostNetworking(
                p.instancesDir().resolve("_network"))) : NicPlumbing.none();
    }

    @Bean
    HostState hostState() {
        return new HostState();
    }

    @Bean
    GuestBuilder guestBuilder(AgentProperties p, Hypervisor hypervisor, InstanceStorage storage, HostState state,
                              NicPlumbing nics) {
        CpuPolicy cpu = new CpuPolicy(CpuPolicy.Mode.parse(p.cpuMode()), p.cpuModels(), p.cpuModelExtraFlags());
        return new GuestBuilder(hypervisor, storage, new GuestDesigner(cpu), state::profile, nics);
    }

    @Bean
    CommandDispatcher commandDispatcher(AgentProperties p, Hypervisor hypervisor, GuestBuilder builder,
                                        InstanceStorage storage, QemuImg qemuImg, ImageService images, Reports reports,
                                        NicPlumbing nics, ReportPublisher publisher) {
        List<CommandHandler<?>> handlers = List.of(new SpawnHandler(builder, reports),
                new PowerHandler(hypervisor, reports, p.shutdownTimeout()), new RebuildHandler(builder, reports),
                new SnapshotHandler(hypervisor, storage, qemuImg, images, reports), new DeleteHandler(builder, reports),
                new DestroyEvacuatedHandler(builder, reports),
                new ConsoleOutputHandler(storage, reports), new AttachVolumeHandler(hypervisor, reports),
                new DetachVolumeHandler(hypervisor, reports), new ExtendVolumeHandler(hypervisor, reports),
                new AttachInterfaceHandler(hypervisor, reports, nics),
                new DetachInterfaceHandler(hypervisor, reports),
                new ResizeHandler(builder, qemuImg, p.shutdownTimeout(), reports),
                new RevertResizeHandler(builder, qemuImg, p.shutdownTimeout(), reports),
                new ConfirmResizeHandler(builder, reports),
                new LiveMigrationHandler(hypervisor, storage, qemuImg, reports, publisher::publish,
                        p.migration().progressInterval()),
                new PreLiveMigrationHandler(hypervisor, nics, reports),
                new RollbackAtDestinationHandler(hypervisor, reports),
                LiveMigrationJobHandler.forceComplete(hypervisor, reports), LiveMigrationJobHandler.abort(hypervisor,
                        reports),
                new io.nubo.computeagent.migration.MigrateDisksHandler(hypervisor, storage, qemuImg,
                        p.shutdownTimeout(), reports),
                new io.nubo.computeagent.migration.FinishMigrationHandler(hypervisor, storage, reports),
                new io.nubo.computeagent.migration.ConfirmMigrationHandler(hypervisor, storage, reports),
                new io.nubo.computeagent.migration.RevertMigrationHandler(hypervisor, storage, reports),
                new io.nubo.computeagent.migration.FinishRevertMigrationHandler(hypervisor, reports));
        return new CommandDispatcher(handlers, hypervisor, reports);
    }

    @Bean
    ReportPublisher reportPublisher(EventPublisher publisher, PlatformTransactionManager txManager) {
        return new ReportPublisher(publisher, new TransactionTemplate(txManager));
    }

    @Bean
    CommandConsumer commandConsumer(AgentProperties p, KafkaProperties kafka, CommandDispatcher dispatcher,
                                    ReportPublisher reports, InboxGuard inbox, PlatformTransactionManager txManager,
                                    EventCodec codec) {
        return new CommandConsumer(kafka.buildConsumerProperties(), p.host(), dispatcher, reports, inbox,
                new TransactionTemplate(txManager), codec, p.workers());
    }

    @Bean
    HostAgent hostAgent(AgentProperties p, Hypervisor hypervisor, HostState state, ReportPublisher publisher,
                        CommandConsumer commands, Reports reports) {
        return new HostAgent(hypervisor, new VirtTypeProbe(hypervisor, p.instancesDir(), p.probeTimeout()),
                p.virtType(), state, new Reconciler(hypervisor, reports),
                new HostStatusReporter(hypervisor, state, p.instancesDir(), p.host(), Clock.systemUTC(),
                        p.migration().libvirtUri(), p.migration().address(), p.images().rbd()), publisher,
                commands, reports, p.heartbeatInterval(), Clock.systemUTC());
    }
}
