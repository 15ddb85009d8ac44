package io.nubo.allinone;

import io.nubo.computeagent.ComputeAgentApplication;
import io.nubo.embedded.kafka.EmbeddedKafkaBroker;
import io.nubo.gateway.GatewayApplication;
import io.nubo.shared.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole cloud in this JVM: Kafka's broker, identity, then the other services in parallel, then the
 * gateway, each service in its own Spring context on its own port. {@link #close()} stops them in reverse.
 */
public final class NuboCloud implements AutoCloseable {

    private final LaunchOptions options;
    private final EmbeddedKafkaBroker broker;
    private final List<ConfigurableApplicationContext> contexts;

    private NuboCloud(LaunchOptions options, EmbeddedKafkaBroker broker, List<ConfigurableApplicationContext> contexts) {
        this.options = options;
        this.broker = broker;
        this.contexts = contexts;
    }

    public static NuboCloud start(LaunchOptions o) throws Exception {
        // one logging configuration for the JVM (logback.xml): Boot's per-context logging system is not
        // safe when several contexts start at once
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        Files.createDirectories(o.dataDir());
        if (o.postgres() != null) {
            createDatabases(o.postgres());
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(o.dataDir().resolve("kafka"), o.kafkaPort(),
                o.kafkaControllerPort());
        EmbeddedKafkaBroker.createTopics(broker.bootstrapServers(), Topics.ALL);
        List<ConfigurableApplicationContext> started = Collections.synchronizedList(new ArrayList<>());
        try {
            started.add(ServiceModule.IDENTITY.builder().run(serviceArgs(o, ServiceModule.IDENTITY, broker.bootstrapServers())));
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<ConfigurableApplicationContext>> rest = new ArrayList<>();
                for (ServiceModule m : ServiceModule.values()) {
                    if (m != ServiceModule.IDENTITY) {
                        rest.add(pool.submit(() -> m.builder().run(serviceArgs(o, m, broker.bootstrapServers()))));
                    }
                }
                for (Future<ConfigurableApplicationContext> f : rest) {
                    started.add(f.get());
                }
            } finally {
                pool.shutdown();
            }
            if (!"false".equalsIgnoreCase(System.getenv("NUBO_COMPUTE_AGENT"))) {
                ConfigurableApplicationContext agent = ComputeAgentApplication.builder().run(agentArgs(o,
                        broker.bootstrapServers(), "http://127.0.0.1:" + ServiceModule.IMAGE.port(o),
                        "http://127.0.0.1:" + ServiceModule.IDENTITY.port(o) + "/v3"));
                started.add(agent);
                // ready means a server can be booted: wait for this host's registration (the KVM probe takes up
                // to 5 s), unless libvirtd does not answer, when the agent keeps trying in the background
                agent.getBean(io.nubo.computeagent.host.HostAgent.class).awaitUp(java.time.Duration.ofSeconds(60));
            }
            started.add(GatewayApplication.builder().run(gatewayArgs(o)));
        } catch (Exception | Error e) {
            new NuboCloud(o, broker, started).close();
            throw e;
        }
        return new NuboCloud(o, broker, started);
    }

    static String[] serviceArgs(LaunchOptions o, ServiceModule m, String kafka) {
        return serviceArgs(o, m, kafka, m.port(o), "http://127.0.0.1:" + ServiceModule.IMAGE.port(o));
    }

    /**
     * One service's arguments.
     *
     * @param kafka    the bootstrap servers
     * @param port     this instance's port
     * @param imageUrl where compute and block storage reach the image service (directly, or the gateway's /image)
     */
    static String[] serviceArgs(LaunchOptions o, ServiceModule m, String kafka, int port, String imageUrl) {
        List<String> a = new ArrayList<>(common(o));
        a.add("--server.port=" + port);
        a.add("--server.address=127.0.0.1");
        a.add("--spring.kafka.bootstrap-servers=" + kafka);
        a.add("--nubo.security.jwk-set-uri=http://127.0.0.1:" + ServiceModule.IDENTITY.port(o)
                + "/.well-known/jwks.json");
        a.add("--nubo.security.identity-uri=" + o.publicUrl() + "/identity");
        if (m == ServiceModule.IDENTITY) {
            a.add("--nubo.identity.bootstrap.public-url=" + o.publicUrl());
        }
        if (m == ServiceModule.IMAGE) {
            a.addAll(imageStoreInObjectStore(o));
        }
        if (m == ServiceModule.COMPUTE) {
            // the compute API looks images up (with the caller's token) on the image service's internal address
            a.add("--nubo.compute.image-url=" + imageUrl);
            // and attaches volumes through block storage's internal address, with the caller's token too
            a.add("--nubo.compute.volumes.block-storage-url=http://127.0.0.1:" + ServiceModule.BLOCK_STORAGE.port(o));
            a.addAll(computeNetworkArgs(o));
        }
        if (m == ServiceModule.NETWORK && "root".equals(System.getProperty("user.name"))
                && !"false".equalsIgnoreCase(System.getenv("NUBO_DHCP"))) {
            // this machine serves DHCP for the cloud's networks (namespaces and dnsmasq need root)
            a.add("--nubo.network.dhcp.enabled=true");
            a.add("--nubo.network.dhcp.state-dir=/var/lib/nubo/dhcp-" + o.portBase());
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/nft"))
                    && !"false".equalsIgnoreCase(System.getenv("NUBO_FIREWALL"))) {
                // and enforces the security groups of the guests' ports here (nftables tables named by the port base)
                a.add("--nubo.network.firewall.enabled=true");
                a.add("--nubo.network.firewall.table-prefix=nubo" + o.portBase());
                // and is the network node: routers as qrouter- namespaces with SNAT and floating IPs
                a.add("--nubo.network.l3.enabled=true");
            }
        }
        if (m == ServiceModule.BLOCK_STORAGE) {
            // volumes from images read the image service directly (loopback), with the caller's token
            a.add("--nubo.block-storage.image-service-url=" + imageUrl);
            a.addAll(backupArgs(o));
        }
        if (m == ServiceModule.OBJECT_STORE) {
            // service users (role service in project service) own their project's account: block storage keeps its
            // backups in AUTH_<service project>
            a.add("--nubo.object-store.operator-roles=admin,member,service");
        }
        if (o.postgres() != null) {
            a.add("--spring.datasource.url=" + o.postgres() + m.database());
            a.add("--spring.datasource.username=" + System.getenv().getOrDefault("NUBO_PG_USER", "postgres"));
            a.add("--spring.datasource.password=" + System.getenv().getOrDefault("NUBO_PG_PASSWORD", ""));
        }
        return a.toArray(String[]::new);
    }

    /**
     * Compute binds ports on the network service's internal address as the service user {@code nova} that identity
     * bootstraps (Nova's {@code [neutron]} credentials); without its password file (an older data directory) compute
     * boots servers without NICs.
     */
    static List<String> computeNetworkArgs(LaunchOptions o) {
        Path novaPassword = o.dataDir().resolve("service-passwords").resolve("nova");
        if (!Files.isReadable(novaPassword)) {
            return List.of();
        }
        try {
            return List.of("--nubo.compute.network.url=http://127.0.0.1:" + ServiceModule.NETWORK.port(o),
                    "--nubo.compute.network.identity-url=http://127.0.0.1:" + ServiceModule.IDENTITY.port(o) + "/v3",
                    "--nubo.compute.network.username=nova", "--nubo.compute.network.project=service",
                    "--nubo.compute.network.password=" + Files.readString(novaPassword).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read compute's service password", e);
        }
    }

    /**
     * Block storage's backups in this cloud's object store, as the service user {@code cinder} that identity
     * bootstraps (its password file); an older data directory without it has no backup service.
     */
    static List<String> backupArgs(LaunchOptions o) {
        Path cinderPassword = o.dataDir().resolve("service-passwords").resolve("cinder");
        if (!Files.isReadable(cinderPassword) || System.getenv("NUBO_BLOCKSTORAGE_BACKUP_ENABLED") != null) {
            return List.of();
        }
        try {
            return List.of("--nubo.block-storage.backup.enabled=true",
                    "--nubo.block-storage.backup.identity-url=http://127.0.0.1:" + ServiceModule.IDENTITY.port(o)
                            + "/v3",
                    "--nubo.block-storage.backup.user=cinder", "--nubo.block-storage.backup.project=service",
                    "--nubo.block-storage.backup.password=" + Files.readString(cinderPassword).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read block storage's service password", e);
        }
    }

    /**
     * Glance beside Swift, as devstack sets them up: the image service gets a second store, {@code swift}, in this
     * cloud's own object store (new data still goes to {@code file} unless {@code nubo.image.default-store} says
     * otherwise). It signs in with the generated admin account, read after identity has started, until identity
     * bootstraps a service user of its own; with a chosen admin password, or {@code NUBO_IMAGE_SWIFT_ENABLED} set,
     * the all-in-one leaves the store's settings to the operator.
     */
    static List<String> imageStoreInObjectStore(LaunchOptions o) {
        Path passwordFile = o.dataDir().resolve("admin-password");
        if (System.getenv("NUBO_IMAGE_SWIFT_ENABLED") != null || !Files.isReadable(passwordFile)) {
            return List.of();
        }
        String password;
        try {
            password = Files.readString(passwordFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("--nubo.image.swift.enabled=true",
                "--nubo.image.swift.auth-url=" + o.publicUrl() + "/identity/v3",
                "--nubo.image.swift.user=admin", "--nubo.image.swift.password=" + password,
                "--nubo.image.swift.project=admin");
    }

    /**
     * This machine as a compute host: the agent (no port) drives the local libvirtd ({@code NUBO_LIBVIRT_URI},
     * default {@code qemu:///system}; {@code NUBO_VIRT_TYPE} forces kvm or qemu). When libvirtd does not answer the
     * cloud still starts and the agent logs a warning until it does; {@code NUBO_COMPUTE_AGENT=false} leaves it out.
     * It downloads images as the service user {@code nova} that identity bootstraps, and keeps its inbox and outbox in its own H2 file. Instance disks go where qemu (its own user) can read them: not
     * under a home directory such as /root, which only its owner may enter.
     */
    static String[] agentArgs(LaunchOptions o, String kafka, String imageUrl, String identityUrl) {
        List<String> a = new ArrayList<>(common(o));
        a.add("--spring.kafka.bootstrap-servers=" + kafka);
        a.add("--nubo.agent.libvirt-uri=" + System.getenv().getOrDefault("NUBO_LIBVIRT_URI", "qemu:///system"));
        a.add("--nubo.agent.virt-type=" + System.getenv().getOrDefault("NUBO_VIRT_TYPE", "auto"));
        a.add("--nubo.agent.instances-dir=" + System.getenv().getOrDefault("NUBO_INSTANCES_DIR",
                instancesDir(o).toString()));
        a.add("--nubo.agent.image-service-url=" + imageUrl);
        a.add("--nubo.agent.identity.url=" + identityUrl);
        // identity bootstraps the service user nova (role service: it may read any image's data); an older data
        // directory without it signs in as admin
        Path novaPassword = o.dataDir().resolve("service-passwords").resolve("nova");
        Path adminPassword = o.dataDir().resolve("admin-password");
        boolean nova = Files.isReadable(novaPassword);
        String configured = System.getProperty("nubo.identity.bootstrap.admin-password");
        a.add("--nubo.agent.identity.username=" + (nova ? "nova" : "admin"));
        a.add("--nubo.agent.identity.project=" + (nova ? "service" : "admin"));
        try {
            a.add("--nubo.agent.identity.password=" + (nova ? Files.readString(novaPassword).trim()
                    : configured != null ? configured : Files.readString(adminPassword).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the compute agent's password", e);
        }
        return a.toArray(String[]::new);
    }

    /** {@code /var/lib/nubo/instances-<port base>} for root (whose home qemu cannot enter), else under the data. */
    static Path instancesDir(LaunchOptions o) {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/lib/nubo", "instances-" + o.portBase());
        }
        return o.dataDir().resolve("compute-agent").resolve("instances");
    }

    static String[] gatewayArgs(LaunchOptions o) {
        return gatewayArgs(o, m -> List.of(m.port(o)));
    }

    /** The gateway's arguments, routing each service's prefix to the ports {@code ports} gives for it. */
    static String[] gatewayArgs(LaunchOptions o, java.util.function.Function<ServiceModule, List<Integer>> ports) {
        List<String> a = new ArrayList<>(common(o));
        a.add("--server.port=" + o.gatewayPort());
        for (ServiceModule m : ServiceModule.values()) {
            a.add("--nubo.gateway.routes." + m.prefix() + "=" + String.join(",", ports.apply(m).stream()
                    .map(p -> "http://127.0.0.1:" + p).toList()));
        }
        return a.toArray(String[]::new);
    }

    private static List<String> common(LaunchOptions o) {
        List<String> a = new ArrayList<>();
        a.add("--nubo.data-dir=" + o.dataDir());
        a.add("--spring.main.register-shutdown-hook=false");
        return a;
    }

    /**
     * Creates each service's database when missing. The prefix may end in part of a name
     * ({@code jdbc:postgresql://127.0.0.1:5432/test_} gives {@code test_nubo_identity}, ...), so two clouds can
     * share one server; the maintenance database {@code postgres} beside them is where they are created from.
     */
    static void createDatabases(String prefix) throws SQLException {
        String admin = prefix.substring(0, prefix.lastIndexOf('/') + 1) + "postgres";
        String namePrefix = prefix.substring(prefix.lastIndexOf('/') + 1);
        String user = System.getenv().getOrDefault("NUBO_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("NUBO_PG_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
            for (ServiceModule m : ServiceModule.values()) {
                String name = namePrefix + m.database();
                if (!name.matches("[a-z0-9_]+")) {
                    throw new IllegalArgumentException("Database name " + name + " is not [a-z0-9_]+");
                }
                try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    if (!r.next()) {
                        s.execute("CREATE DATABASE " + name);
                    }
                }
            }
        }
    }

    /**
     * Deletes this cloud's compute instances directory (the image cache and any leftover disks): for throwaway
     * clouds such as the tests', once they are closed. A real cloud keeps it.
     */
    public void removeInstancesDirectory() throws IOException {
        Path dir = instancesDir(options());
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public LaunchOptions options() {
        return options;
    }

    /** The admin password: the configured one, or the one identity generated on first start. */
    public String adminPassword() {
        return adminPassword(options);
    }

    static String adminPassword(LaunchOptions options) {
        String configured = System.getProperty("nubo.identity.bootstrap.admin-password");
        if (configured != null) {
            return configured;
        }
        try {
            return Files.readString(options.dataDir().resolve("admin-password")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the admin password", e);
        }
    }

    /** Writes {@code clouds.yaml} (cloud {@code nubo}) next to the data and returns its path. */
    public Path writeCloudsYaml() throws IOException {
        return writeCloudsYaml(options, adminPassword());
    }

    /** Writes {@code clouds.yaml} for a cloud at {@code o}'s public URL with the admin password given. */
    static Path writeCloudsYaml(LaunchOptions options, String adminPassword) throws IOException {
        Path file = options.home().resolve("clouds.yaml");
        String yaml = "clouds:\n"
                + "  nubo:\n"
                + "    auth:\n"
                + "      auth_url: " + options.publicUrl() + "/identity/v3\n"
                + "      username: admin\n"
                + "      password: \"" + adminPassword.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n"
                + "      project_name: admin\n"
                + "      user_domain_name: Default\n"
                + "      project_domain_name: Default\n"
                + "    region_name: RegionOne\n"
                + "    interface: public\n"
                + "    identity_api_version: 3\n";
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, yaml);
        return file;
    }

    @Override
    public void close() {
        List<ConfigurableApplicationContext> reverse = new ArrayList<>(contexts);
        Collections.reverse(reverse);
        for (ConfigurableApplicationContext c : reverse) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // keep stopping the others
            }
        }
        broker.close();
    }
}
