package io.nubo.compute.agent.config;

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
import io.nubo.compute.agent.disk.GlanceImageService;
import io.nubo.compute.agent.disk.ImageCache;
import io.nubo.compute.agent.disk.ImageService;
import io.nubo.compute.agent.disk.InstanceStorage;
import io.nubo.compute.agent.disk.KeystoneToken;
import io.nubo.compute.agent.disk.QemuImg;
import io.nubo.compute.agent.host.CommandConsumer;
import io.nubo.compute.agent.host.HostAgent;
import io.nubo.compute.agent.host.HostState;
import io.nubo.compute.agent.host.HostStatusReporter;
import io.nubo.compute.agent.host.Reconciler;
import io.nubo.compute.agent.host.ReportPublisher;
import io.nubo.compute.agent.host.VirtTypeProbe;
import io.nubo.compute.agent.hypervisor.Hypervisor;
import io.nubo.compute.agent.hypervisor.LibvirtHypervisor;
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
    InstanceStorage instanceStorage(AgentProperties p, ImageService images, QemuImg qemuImg) {
        return new InstanceStorage(p.instancesDir(), new ImageCache(p.instancesDir().resolve("_base"), images),
                qemuImg);
    }

    @Bean
    HostState hostState() {
        return new HostState();
    }

    @Bean
    GuestBuilder guestBuilder(AgentProperties p, Hypervisor hypervisor, InstanceStorage storage, HostState state) {
        CpuPolicy cpu = new CpuPolicy(CpuPolicy.Mode.parse(p.cpuMode()), p.cpuModels(), p.cpuModelExtraFlags());
        return new GuestBuilder(hypervisor, storage, new GuestDesigner(cpu), state::profile);
    }

    @Bean
    CommandDispatcher commandDispatcher(AgentProperties p, Hypervisor hypervisor, GuestBuilder builder,
                                        InstanceStorage storage, QemuImg qemuImg, ImageService images, Reports reports) {
        List<CommandHandler<?>> handlers = List.of(new SpawnHandler(builder, reports),
                new PowerHandler(hypervisor, reports, p.shutdownTimeout()), new RebuildHandler(builder, reports),
                new SnapshotHandler(hypervisor, storage, qemuImg, images, reports), new DeleteHandler(builder, reports),
                new ConsoleOutputHandler(storage, reports), new AttachVolumeHandler(hypervisor, reports),
                new DetachVolumeHandler(hypervisor, reports), new AttachInterfaceHandler(hypervisor, reports),
                new DetachInterfaceHandler(hypervisor, reports));
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
                new HostStatusReporter(hypervisor, state, p.instancesDir(), p.host(), Clock.systemUTC()), publisher,
                commands, reports, p.heartbeatInterval(), Clock.systemUTC());
    }
}
