package io.nubo.computeagent.hypervisor;

import io.nubo.computeagent.domain.DeviceSpec;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.shared.events.compute.PowerState;

/** One guest (libvirt domain). Every method throws {@link HypervisorException} when libvirt refuses. */
public interface Guest {

    String name();

    PowerState powerState();

    boolean active();

    /** The definition as libvirt holds it now (live when running). */
    DomainDefinition definition();

    /**
     * The definition as a migration carries it (libvirt's migratable XML: without what the running host added,
     * such as the CPU features qemu filled in), the base of the destination's definition.
     */
    DomainDefinition migratableDefinition();

    /** libvirt's migratable XML itself: what the destination's XML is edited from (device addresses and all). */
    String migratableXml();

    /** Boots the guest; restores its memory when it was suspended to disk ({@link #saveToDisk()}). */
    void start();

    /** Asks the guest OS to power off (ACPI power button); returns at once. */
    void shutdown();

    /** Pulls the plug. */
    void destroy();

    /** Asks the guest OS to reboot (ACPI). */
    void reboot();

    void pause();

    void unpause();

    /** Suspends to disk (libvirt's managed save): the guest stops, and {@link #start()} resumes it. */
    void saveToDisk();

    boolean savedToDisk();

    /** Removes the definition, its managed-save image and snapshot metadata. The guest must not be running. */
    void undefine();

    /** Hot-plugs a device; also into the persistent definition. {@code live} is false for a stopped guest. */
    void attach(DeviceSpec device, boolean live);

    void detach(DeviceSpec device, boolean live);

    /**
     * Sends the running guest's OS the unplug request again (live only: the persistent definition has lost the
     * device already). A guest that was still booting ignores the first request, so Nova asks again too.
     */
    void requestLiveDetach(DeviceSpec device);

    /**
     * Resizes the running guest's disk {@code targetDev} (vdb) to {@code bytes} (libvirt's block resize, in bytes):
     * qemu grows the disk (a qcow2's header, or takes a raw file's or an RBD image's new length) and the guest's
     * driver is told the capacity changed.
     */
    void resizeDisk(String targetDev, long bytes);

    /** The size of disk {@code targetDev} as qemu sees it (libvirt's block info capacity). */
    long diskCapacity(String targetDev);

    /**
     * Moves the running guest live to another host (libvirt peer to peer; persistent there, undefined here), and
     * returns when it runs there. Throws when the move failed: the guest then still runs here.
     */
    void migrate(MigrationRequest request);

    /** The figures of the guest's running job (a migration), or null when none runs. */
    JobProgress job();

    /** Aborts the guest's running job (a migration, which then fails with the guest still here). */
    void abortJob();
}
