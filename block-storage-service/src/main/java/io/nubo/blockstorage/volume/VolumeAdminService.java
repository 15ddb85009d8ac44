package io.nubo.blockstorage.volume;

import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.volume.type.VolumeTypeEntity;
import io.nubo.blockstorage.volume.type.VolumeTypeService;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Cinder's volume admin actions ({@code cinder/api/contrib/admin_actions.py}) and os-retype: what an operator does
 * when the status machine's view and the backend disagree. Each checks its rule ({@link Policy}) and then applies one
 * compare-and-swap.
 */
@Service
public class VolumeAdminService {

    /** What os-reset_status may set: Cinder's {@code VolumeAdminController.valid_status}. */
    static final Set<VolumeStatus> RESETTABLE = EnumSet.of(VolumeStatus.CREATING, VolumeStatus.AVAILABLE,
            VolumeStatus.DELETING, VolumeStatus.ERROR, VolumeStatus.ERROR_DELETING, VolumeStatus.ERROR_EXTENDING,
            VolumeStatus.ATTACHING, VolumeStatus.IN_USE, VolumeStatus.DETACHING, VolumeStatus.MAINTENANCE,
            VolumeStatus.RESERVED);
    /** os-retype needs a volume that is not busy: available or in-use, as Cinder */
    private static final Set<VolumeStatus> RETYPABLE = EnumSet.of(VolumeStatus.AVAILABLE, VolumeStatus.IN_USE);

    private final VolumeService volumes;
    private final VolumeLifecycle lifecycle;
    private final VolumeRepository repository;
    private final VolumeTypeService types;
    private final Clock clock;

    public VolumeAdminService(VolumeService volumes, VolumeLifecycle lifecycle, VolumeRepository repository,
                              VolumeTypeService types, Clock clock) {
        this.volumes = volumes;
        this.lifecycle = lifecycle;
        this.repository = repository;
        this.types = types;
        this.clock = clock;
    }

    /** os-reset_status: {@code status} (one of {@link #RESETTABLE}); Cinder's 400 for another. */
    public void resetStatus(Caller caller, String id, String status) {
        VolumeEntity v = volumes.visible(caller, id);
        caller.require(Policy.VOLUME_RESET_STATUS, v.getProjectId());
        VolumeStatus to = VolumeStatus.fromWire(status);
        if (to == null || !RESETTABLE.contains(to)) {
            throw VolumeError.INVALID_INPUT.exception("Must specify a valid status: " + status + ".");
        }
        if (!lifecycle.reset(id, to)) {
            throw VolumeError.VOLUME_NOT_FOUND.exception(id);
        }
    }

    public void forceDelete(Caller caller, String id) {
        volumes.delete(caller, id, true, false);
    }

    /**
     * os-retype: a type on the same backend is a change of the record only (Cinder's retype without migration);
     * a type on another backend would need the bytes moved, which Nubo does not do yet: 400, nothing changed.
     */
    public void retype(Caller caller, String id, String newType, String migrationPolicy) {
        VolumeEntity v = volumes.visible(caller, id);
        caller.require(Policy.VOLUME_RETYPE, v.getProjectId());
        VolumeTypeEntity type = types.find(newType).filter(t -> types.usableBy(t, caller))
                .orElseThrow(() -> VolumeError.TYPE_NOT_FOUND.exception(newType));
        if (type.getId().equals(v.getVolumeTypeId())) {
            throw VolumeError.INVALID_INPUT.exception("Retype cannot be done to the volume's own type.");
        }
        if (!RETYPABLE.contains(v.getStatus())) {
            throw VolumeError.INVALID_VOLUME.exception("Volume status must be available or in-use to retype, but it"
                    + " is " + v.getStatus().wire() + ".");
        }
        String backend = types.backendOf(type);
        if (!backend.equals(v.getBackend())) {
            throw VolumeError.INVALID_INPUT.exception("Volume type " + type.getName() + " is on backend " + backend
                    + " and the volume on " + v.getBackend() + ": retype with migration"
                    + ("never".equals(migrationPolicy) ? " is not allowed by migration_policy never" : " is not served")
                    + ".");
        }
        if (repository.swapType(id, RETYPABLE, type.getId(), clock.instant()) != 1) {
            throw VolumeError.INVALID_VOLUME.exception("Volume status must be available or in-use to retype.");
        }
    }
}
