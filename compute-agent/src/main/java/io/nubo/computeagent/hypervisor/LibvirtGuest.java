package io.nubo.computeagent.hypervisor;

import io.nubo.computeagent.domain.DeviceSpec;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.DomainXmlParser;
import io.nubo.computeagent.domain.DomainXmlWriter;
import io.nubo.shared.events.compute.PowerState;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.Domain;
import org.libvirt.DomainJobInfo;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.LibvirtException;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;

/** A guest by name; each call looks the domain up again, so a handle survives a reconnection. */
final class LibvirtGuest implements Guest {

    private interface DomainCall<T> {
        T call(Domain d) throws LibvirtException;
    }

    private final LibvirtHypervisor hypervisor;
    private final String name;
    private final DomainXmlParser parser;

    LibvirtGuest(LibvirtHypervisor hypervisor, String name, DomainXmlParser parser) {
        this.hypervisor = hypervisor;
        this.name = name;
        this.parser = parser;
    }

    private <T> T on(String what, DomainCall<T> call) {
        return hypervisor.call(what + " guest " + name, c -> call.call(c.domainLookupByName(name)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PowerState powerState() {
        return on("read the state of", d -> {
            DomainState s = d.getInfo().state;
            if (s == DomainState.VIR_DOMAIN_SHUTOFF && d.hasManagedSaveImage() == 1) {
                return PowerState.SUSPENDED;
            }
            return powerStateOf(s);
        });
    }

    /** Nova's table ({@code nova/virt/libvirt/guest.py}): libvirt's state to the power state users see. */
    static PowerState powerStateOf(DomainState s) {
        switch (s) {
            case VIR_DOMAIN_RUNNING:
            case VIR_DOMAIN_BLOCKED:
                return PowerState.RUNNING;
            case VIR_DOMAIN_PAUSED:
                return PowerState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN:
            case VIR_DOMAIN_SHUTOFF:
                return PowerState.SHUTDOWN;
            case VIR_DOMAIN_CRASHED:
                return PowerState.CRASHED;
            case VIR_DOMAIN_PMSUSPENDED:
                return PowerState.SUSPENDED;
            default:
                return PowerState.NOSTATE;
        }
    }

    @Override
    public boolean active() {
        return on("check", d -> d.isActive() == 1);
    }

    @Override
    public DomainDefinition definition() {
        return parser.domain(on("read the definition of", d -> d.getXMLDesc(0)));
    }

    @Override
    public DomainDefinition migratableDefinition() {
        return parser.domain(migratableXml());
    }

    @Override
    public String migratableXml() {
        return on("read the migratable definition of", d -> d.getXMLDesc(Domain.XMLFlags.MIGRATABLE));
    }

    @Override
    public void start() {
        on("start", Domain::create);
    }

    @Override
    public void shutdown() {
        on("shut down", d -> {
            d.shutdown();
            return null;
        });
    }

    @Override
    public void destroy() {
        on("destroy", d -> {
            d.destroy();
            return null;
        });
    }

    @Override
    public void reboot() {
        on("reboot", d -> {
            d.reboot(0);
            return null;
        });
    }

    @Override
    public void pause() {
        on("pause", d -> {
            d.suspend();
            return null;
        });
    }

    @Override
    public void unpause() {
        on("unpause", d -> {
            d.resume();
            return null;
        });
    }

    @Override
    public void saveToDisk() {
        on("suspend", Domain::managedSave);
    }

    @Override
    public boolean savedToDisk() {
        return on("check the saved state of", d -> d.hasManagedSaveImage() == 1);
    }

    @Override
    public void undefine() {
        on("undefine", d -> {
            d.undefine(Domain.UndefineFlags.MANAGED_SAVE | Domain.UndefineFlags.SNAPSHOTS_METADATA);
            return null;
        });
    }

    @Override
    public void attach(DeviceSpec device, boolean live) {
        String xml = new DomainXmlWriter().device(device);
        on("attach a device to", d -> {
            d.attachDeviceFlags(xml, flags(live));
            return null;
        });
    }

    @Override
    public void detach(DeviceSpec device, boolean live) {
        String xml = new DomainXmlWriter().device(device);
        on("detach a device from", d -> {
            d.detachDeviceFlags(xml, flags(live));
            return null;
        });
    }

    @Override
    public void requestLiveDetach(DeviceSpec device) {
        String xml = new DomainXmlWriter().device(device);
        on("ask again to detach a device from", d -> {
            d.detachDeviceFlags(xml, Domain.DeviceModifyFlags.LIVE);
            return null;
        });
    }

    @Override
    public void resizeDisk(String targetDev, long bytes) {
        on("resize a disk of", d -> {
            d.blockResize(targetDev, bytes, Domain.BlockResizeFlags.BYTES);
            return null;
        });
    }

    @Override
    public long diskCapacity(String targetDev) {
        return on("read the disk size of", d -> d.blockInfo(targetDev).getCapacity());
    }

    private static int flags(boolean live) {
        return Domain.DeviceModifyFlags.CONFIG | (live ? Domain.DeviceModifyFlags.LIVE : 0);
    }

    @Override
    public void migrate(MigrationRequest request) {
        String xml = request.destinationXml();
        boolean copy = request.copyStorage() && !request.copiedDisks().isEmpty();
        int flags = Domain.MigrateFlags.LIVE | Domain.MigrateFlags.PEER2PEER | Domain.MigrateFlags.PERSIST_DEST
                | Domain.MigrateFlags.UNDEFINE_SOURCE | Domain.MigrateFlags.ABORT_ON_ERROR
                | (copy ? Domain.MigrateFlags.NON_SHARED_DISK : 0)
                | (request.sharedFiles() ? Domain.MigrateFlags.UNSAFE : 0);
        List<TypedParameter> params = new ArrayList<>();
        params.add(new TypedStringParameter(Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_DEST_XML, xml));
        if (request.migrationUri() != null) {
            params.add(new TypedStringParameter(Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_URI,
                    request.migrationUri()));
        }
        if (copy) {
            for (String disk : request.copiedDisks()) {
                params.add(new TypedStringParameter(Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_MIGRATE_DISKS,
                        disk));
            }
        }
        on("migrate", d -> {
            try {
                d.migrateToURI(request.destinationUri(), params.toArray(TypedParameter[]::new), flags);
            } catch (LibvirtException e) {
                // a failure on the way (the destination gone) is not this host's libvirtd being unreachable
                throw new HypervisorException("migrate guest " + name + " to " + request.destinationUri() + ": "
                        + e.getMessage(), e, false);
            }
            return null;
        });
    }

    @Override
    public JobProgress job() {
        return on("read the job of", d -> {
            DomainJobInfo j = d.getJobInfo();
            if (j == null || j.getType() == 0) {
                return null;
            }
            return new JobProgress(j.getDataTotal(), j.getDataProcessed(), j.getDataRemaining(), j.getTimeElapsed());
        });
    }

    @Override
    public void abortJob() {
        on("abort the job of", d -> {
            d.abortJob();
            return null;
        });
    }
}
