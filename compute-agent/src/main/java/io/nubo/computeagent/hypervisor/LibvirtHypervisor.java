package io.nubo.computeagent.hypervisor;

import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.DomainXmlParser;
import io.nubo.computeagent.domain.DomainXmlWriter;
import io.nubo.computeagent.domain.HostCapabilities;
import io.nubo.computeagent.domain.SecretDefinition;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.nativecall.NativeStackExecutor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.libvirt.Secret;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.DomainEventType;
import org.libvirt.event.StartedDetail;
import org.libvirt.event.StoppedDetail;
import org.libvirt.event.SuspendedDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libvirt driver, through libvirt-java (JNA). Every call runs on the shared {@link NativeStackExecutor}: the
 * all-in-one's small thread stacks are not enough for libvirt's client library. The connection is opened lazily
 * and again after libvirtd went away, so the agent outlives a libvirtd restart.
 */
public final class LibvirtHypervisor implements Hypervisor {

    private static final Logger log = LoggerFactory.getLogger(LibvirtHypervisor.class);

    interface LibvirtCall<T> {
        T call(Connect c) throws LibvirtException;
    }

    private final String uri;
    private final NativeStackExecutor nativeCalls;
    private final boolean ownsExecutor;
    private final DomainXmlWriter writer = new DomainXmlWriter();
    private final DomainXmlParser parser = new DomainXmlParser();
    private final List<Consumer<LifecycleEvent>> listeners = new CopyOnWriteArrayList<>();
    /** One listener object, so that it can be taken off a connection before the connection is closed. */
    private final org.libvirt.event.LifecycleListener lifecycle = this::onEvent;
    private Connect connection;

    /**
     * Connections whose lifecycle callback could not be taken off before they were closed (libvirtd already gone):
     * libvirt may still hold the callback's native address, so the Java objects behind it are kept from the garbage
     * collector for good (a callback collected while registered is a crash in JNA's dispatch on the event loop).
     */
    private static final List<Connect> RETIRED = new CopyOnWriteArrayList<>();

    public LibvirtHypervisor(String uri, NativeStackExecutor nativeCalls) {
        this(uri, nativeCalls, false);
    }

    private LibvirtHypervisor(String uri, NativeStackExecutor nativeCalls, boolean ownsExecutor) {
        this.uri = uri;
        this.nativeCalls = nativeCalls;
        this.ownsExecutor = ownsExecutor;
    }

    /** A driver with an executor of its own (closed with the driver): for tools and tests. */
    public static LibvirtHypervisor open(String uri) {
        LibvirtHypervisor h = new LibvirtHypervisor(uri, new NativeStackExecutor("libvirt", 4,
                NativeStackExecutor.NATIVE_STACK_BYTES), true);
        h.version();
        return h;
    }

    <T> T call(String what, LibvirtCall<T> call) {
        try {
            return nativeCalls.call(() -> {
                try {
                    return call.call(connection());
                } catch (LibvirtException e) {
                    if (unreachable(e)) {
                        dropConnection();
                    }
                    throw new HypervisorException(what + ": " + e.getMessage(), e, unreachable(e));
                }
            });
        } catch (IOException e) {
            throw new HypervisorException(what + ": " + e.getMessage(), e, false);
        }
    }

    private synchronized Connect connection() throws LibvirtException {
        if (connection != null) {
            return connection;
        }
        LibvirtEventLoop.ensureStarted();
        Connect c = new Connect(uri, false);
        if (!uri.startsWith("test:")) {
            c.setKeepAlive(5, 3);
        }
        c.addLifecycleListener(lifecycle);
        connection = c;
        log.info("Connected to libvirt at {} ({} {})", uri, c.getType(), c.getVersion());
        return c;
    }

    private synchronized void dropConnection() {
        Connect c = connection;
        connection = null;
        if (c != null) {
            // off first: a callback left on a closed connection is still called by libvirt's event loop (on the
            // closed Connect, an NPE) and, once its objects are collected, calls freed memory
            try {
                c.removeLifecycleListener(lifecycle);
            } catch (LibvirtException | RuntimeException e) {
                RETIRED.add(c);
            }
            try {
                c.close();
            } catch (LibvirtException ignored) {
                // the connection is gone anyway
            }
        }
    }

    static boolean unreachable(LibvirtException e) {
        org.libvirt.Error err = e.getError();
        if (err == null) {
            return false;
        }
        return err.getDomain() == ErrorDomain.VIR_FROM_RPC || err.getDomain() == ErrorDomain.VIR_FROM_REMOTE
                || err.getCode() == ErrorNumber.VIR_ERR_NO_CONNECT || err.getCode() == ErrorNumber.VIR_ERR_INVALID_CONN
                || err.getCode() == ErrorNumber.VIR_ERR_RPC;
    }

    private int onEvent(Domain domain, DomainEvent event) {
        PowerState state = powerStateOf(event);
        if (state == null) {
            return 0;
        }
        String name;
        try {
            name = domain.getName();
        } catch (LibvirtException e) {
            return 0;
        }
        LifecycleEvent e = new LifecycleEvent(name, state, event.getType() + "/" + event.getDetail());
        for (Consumer<LifecycleEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                log.warn("Lifecycle listener failed for {}: {}", name, ex.toString());
            }
        }
        return 0;
    }

    /** The power state a lifecycle event leaves a guest in, or null for events that change none. */
    static PowerState powerStateOf(DomainEvent event) {
        DomainEventType type = event.getType();
        if (movingBetweenHosts(event)) {
            return null;
        }
        switch (type) {
            case STARTED:
            case RESUMED:
                return PowerState.RUNNING;
            case SUSPENDED:
                return PowerState.PAUSED;
            case PMSUSPENDED:
                return PowerState.SUSPENDED;
            case CRASHED:
                return PowerState.CRASHED;
            case STOPPED:
                Object detail = event.getDetail();
                if (detail == StoppedDetail.CRASHED) {
                    return PowerState.CRASHED;
                }
                return detail == StoppedDetail.SAVED ? PowerState.SUSPENDED : PowerState.SHUTDOWN;
            default:
                return null;
        }
    }

    /**
     * The steps of a live migration that are no change of the instance's state: the source pausing and stopping as
     * the guest leaves (the migration's own report tells), the destination's paused incoming guest. The guest
     * resumed on the destination ({@code RESUMED/MIGRATED}) is reported: that host has it now.
     */
    private static boolean movingBetweenHosts(DomainEvent event) {
        Object detail = event.getDetail();
        return detail == StoppedDetail.MIGRATED || detail == SuspendedDetail.MIGRATED
                || detail == StartedDetail.MIGRATED;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String connectionType() {
        return call("read the hypervisor type", Connect::getType);
    }

    @Override
    public long version() {
        return call("read the hypervisor version", Connect::getVersion);
    }

    @Override
    public HostCapabilities capabilities() {
        return parser.hostCapabilities(call("read the host capabilities", Connect::getCapabilities));
    }

    @Override
    public NodeResources node() {
        NodeInfo n = call("read the host's processors and memory", Connect::nodeInfo);
        return new NodeResources(n.cpus, n.memory / 1024, n.model);
    }

    @Override
    public Guest define(DomainDefinition domain) {
        String xml = writer.domain(domain);
        call("define guest " + domain.name(), c -> c.domainDefineXML(xml));
        return new LibvirtGuest(this, domain.name(), parser);
    }

    @Override
    public Guest startTransient(DomainDefinition domain) {
        String xml = writer.domain(domain);
        call("start guest " + domain.name(), c -> c.domainCreateXML(xml, Domain.CreateFlags.AUTODESTROY));
        return new LibvirtGuest(this, domain.name(), parser);
    }

    @Override
    public Optional<Guest> find(String name) {
        Boolean found = call("look up guest " + name, c -> {
            try {
                c.domainLookupByName(name);
                return true;
            } catch (LibvirtException e) {
                if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                    return false;
                }
                throw e;
            }
        });
        return found ? Optional.of(new LibvirtGuest(this, name, parser)) : Optional.empty();
    }

    @Override
    public List<Guest> guests() {
        List<String> names = call("list guests", c -> {
            List<String> n = new ArrayList<>();
            for (Domain d : c.listAllDomains(0)) {
                n.add(d.getName());
            }
            return n;
        });
        List<Guest> out = new ArrayList<>();
        names.forEach(n -> out.add(new LibvirtGuest(this, n, parser)));
        return out;
    }

    @Override
    public void defineSecret(SecretDefinition secret, byte[] value) {
        String xml = writer.secret(secret);
        call("define secret " + secret.uuid(), c -> {
            Secret s = c.secretDefineXML(xml);
            try {
                s.setValue(value);
            } finally {
                s.free();
            }
            return null;
        });
    }

    @Override
    public boolean hasSecret(String uuid) {
        return call("look up secret " + uuid, c -> {
            Secret s = lookupSecret(c, uuid);
            if (s == null) {
                return false;
            }
            s.free();
            return true;
        });
    }

    @Override
    public void undefineSecret(String uuid) {
        call("remove secret " + uuid, c -> {
            Secret s = lookupSecret(c, uuid);
            if (s != null) {
                try {
                    s.undefine();
                } finally {
                    s.free();
                }
            }
            return null;
        });
    }

    private static Secret lookupSecret(Connect c, String uuid) throws LibvirtException {
        try {
            return c.secretLookupByUUIDString(uuid);
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_SECRET) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public void onLifecycle(Consumer<LifecycleEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public boolean alive() {
        try {
            return call("check libvirtd", c -> c.isAlive() || uri.startsWith("test:"));
        } catch (HypervisorException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            nativeCalls.run(() -> {
                dropConnection();
                return null;
            });
        } catch (IOException e) {
            log.debug("closing libvirt connection: {}", e.toString());
        }
        if (ownsExecutor) {
            nativeCalls.close();
        }
    }
}
