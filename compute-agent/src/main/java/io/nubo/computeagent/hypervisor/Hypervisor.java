package io.nubo.computeagent.hypervisor;

import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.HostCapabilities;
import io.nubo.computeagent.domain.SecretDefinition;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The host's hypervisor, as the agent sees it. One driver, libvirt ({@link LibvirtHypervisor}), reached at a URI:
 * {@code qemu:///system} on a real host, {@code test:///default} (libvirt's test driver: real libvirt, no VM) in
 * fast tests. Every method throws {@link HypervisorException}.
 */
public interface Hypervisor extends AutoCloseable {

    String uri();

    /** libvirt's connection type: {@code QEMU} or {@code TEST}. */
    String connectionType();

    long version();

    HostCapabilities capabilities();

    NodeResources node();

    /** Defines (or redefines) a persistent guest; it stays shut off until {@link Guest#start()}. */
    Guest define(DomainDefinition domain);

    /**
     * Starts a transient guest that libvirt destroys by itself when this connection closes (the agent's process
     * ends), for short-lived helpers such as the KVM probe.
     */
    Guest startTransient(DomainDefinition domain);

    Optional<Guest> find(String name);

    List<Guest> guests();

    /**
     * Defines (or redefines) a secret and sets its value, for network disks that log in (iSCSI CHAP, cephx).
     * libvirt's test driver has no secrets: it answers with a {@link HypervisorException} that says so.
     */
    void defineSecret(SecretDefinition secret, byte[] value);

    /** True when libvirt holds a secret with this uuid. */
    boolean hasSecret(String uuid);

    /** Removes the secret; nothing happens when there is none with this uuid. */
    void undefineSecret(String uuid);

    /** Calls {@code listener} for each lifecycle event of any guest, on libvirt's event thread. */
    void onLifecycle(Consumer<LifecycleEvent> listener);

    /** True when libvirtd answers now. */
    boolean alive();

    @Override
    void close();
}
