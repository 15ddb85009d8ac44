package io.nubo.computeagent.command;

import io.nubo.computeagent.design.GuestDesign;
import io.nubo.computeagent.design.GuestDesigner;
import io.nubo.computeagent.design.GuestFiles;
import io.nubo.computeagent.design.GuestRequest;
import io.nubo.computeagent.design.HostProfile;
import io.nubo.computeagent.disk.ConfigDrive;
import io.nubo.computeagent.disk.InstanceStorage;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Files, design, define: what spawn and rebuild share. */
public final class GuestBuilder {

    private static final Logger log = LoggerFactory.getLogger(GuestBuilder.class);

    private final Hypervisor hypervisor;
    private final InstanceStorage storage;
    private final GuestDesigner designer;
    private final Supplier<HostProfile> host;
    private final NicPlumbing nics;

    public GuestBuilder(Hypervisor hypervisor, InstanceStorage storage, GuestDesigner designer,
                        Supplier<HostProfile> host) {
        this(hypervisor, storage, designer, host, NicPlumbing.none());
    }

    public GuestBuilder(Hypervisor hypervisor, InstanceStorage storage, GuestDesigner designer,
                        Supplier<HostProfile> host, NicPlumbing nics) {
        this.nics = nics;
        this.hypervisor = hypervisor;
        this.storage = storage;
        this.designer = designer;
        this.host = host;
    }

    /** Prepares every file and defines the guest (not started). */
    Guest build(GuestRequest request, ConfigDrive.Content drive) {
        GuestFiles files = storage.prepare(request.instanceId(), request.flavor(), request.image(), drive);
        if (files.rbd() != null && storage.rbd() != null) {
            VolumeDisks.ensureHostCephSecret(hypervisor, files.rbd().auth(), storage.rbd().keyring());
        }
        return define(request, files);
    }

    Guest define(GuestRequest request, GuestFiles files) {
        nics.prepare(request.nics());
        GuestDesign design = designer.design(request, host.get(), files);
        design.notes().forEach(n -> log.warn("Instance {}: {}", request.instanceId(), n));
        return hypervisor.define(design.domain());
    }

    InstanceStorage storage() {
        return storage;
    }

    Hypervisor hypervisor() {
        return hypervisor;
    }

    /** Removes the guest and its files, whatever is left of them. */
    void tearDown(String instanceId) {
        destroyGuest(instanceId);
        storage.delete(instanceId);
    }

    /**
     * An evacuated instance's leftover here: the guest goes (with its secrets and taps), its directory only when
     * {@code files} (not shared with the host that rebuilt it), its Ceph images never (the rebuilt guest's).
     */
    void tearDownEvacuated(String instanceId, boolean files) {
        destroyGuest(instanceId);
        if (files) {
            storage.remove(instanceId);
        }
    }

    private void destroyGuest(String instanceId) {
        Guests.find(hypervisor, instanceId).ifPresent(g -> {
            List<String> secrets = VolumeDisks.secretsOwnedBy(g.definition());
            var interfaces = g.definition().interfaces();
            Guests.stopNow(g);
            g.undefine();
            secrets.forEach(hypervisor::undefineSecret);
            nics.release(interfaces);
        });
    }
}
