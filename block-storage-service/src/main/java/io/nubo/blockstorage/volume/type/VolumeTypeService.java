package io.nubo.blockstorage.volume.type;

import io.nubo.blockstorage.backend.BackendCapabilities;
import io.nubo.blockstorage.backend.VolumeBackends;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Volume types and their extra specs. A type's {@code volume_backend_name} names the backend its volumes go to
 * (Cinder's scheduler filter does the same); a type without one uses the default backend. {@code __DEFAULT__}
 * (made by the migration) is used when a request names no type.
 */
@Service
public class VolumeTypeService {

    public static final String DEFAULT_TYPE = "__DEFAULT__";
    public static final String BACKEND_SPEC = "volume_backend_name";

    private final VolumeTypeRepository types;
    private final VolumeBackends backends;
    private final Clock clock;

    public VolumeTypeService(VolumeTypeRepository types, VolumeBackends backends, Clock clock) {
        this.types = types;
        this.backends = backends;
        this.clock = clock;
    }

    /** Admins see every type; others the public ones and the private ones their project was given. */
    @Transactional(readOnly = true)
    public List<VolumeTypeEntity> list(Caller caller) {
        return types.findAll().stream().filter(t -> usableBy(t, caller))
                .sorted(java.util.Comparator.comparing(VolumeTypeEntity::getName)).toList();
    }

    /** Whether the caller may see and use the type (Cinder's type access: 404 for a private type otherwise). */
    public boolean usableBy(VolumeTypeEntity t, Caller caller) {
        return t.isPublic() || caller.admin() || t.getProjects().contains(caller.projectId());
    }

    /** By id or name, for the caller: 404 for a private type the caller's project was not given. */
    @Transactional(readOnly = true)
    public VolumeTypeEntity get(String idOrName, Caller caller) {
        return find(idOrName).filter(t -> usableBy(t, caller))
                .orElseThrow(() -> VolumeError.TYPE_NOT_FOUND.exception(idOrName));
    }

    /** addProjectAccess / removeProjectAccess; Cinder's 409 when granted twice, 404 when there was none. */
    @Transactional
    public void access(String id, String project, boolean grant) {
        VolumeTypeEntity t = types.findById(id).orElseThrow(() -> VolumeError.TYPE_NOT_FOUND.exception(id));
        if (t.isPublic()) {
            throw VolumeError.INVALID_INPUT.exception("Type access modification is not applicable to public volume"
                    + " type.");
        }
        if (grant && !t.getProjects().add(project)) {
            throw VolumeError.TYPE_ACCESS_EXISTS.exception(id, project);
        }
        if (!grant && !t.getProjects().remove(project)) {
            throw VolumeError.TYPE_ACCESS_NOT_FOUND.exception(id, project);
        }
    }

    /** By id or name, as Cinder looks types up; 404 when neither matches. */
    @Transactional(readOnly = true)
    public VolumeTypeEntity get(String idOrName) {
        return find(idOrName).orElseThrow(() -> VolumeError.TYPE_NOT_FOUND.exception(idOrName));
    }

    @Transactional(readOnly = true)
    public Optional<VolumeTypeEntity> find(String idOrName) {
        if (idOrName == null) {
            return Optional.empty();
        }
        return types.findById(idOrName).or(() -> types.findByName(idOrName));
    }

    /**
     * Cinder's {@code get_by_name_or_id} for another feature (get_pools' 3.35 filter): the type's extra specs; a
     * UUID-like identity is an id, anything else a name; 404 in Cinder's words when there is none.
     */
    @Transactional(readOnly = true)
    public Map<String, String> extraSpecsByNameOrId(String identity) {
        boolean uuid = identity.matches("(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");
        Optional<VolumeTypeEntity> t = uuid ? types.findById(identity) : types.findByName(identity);
        return Map.copyOf(t.orElseThrow(() -> uuid ? VolumeError.TYPE_NOT_FOUND.exception(identity)
                : VolumeError.NOT_FOUND.exception("Volume type with name " + identity + " could not be found."))
                .getExtraSpecs());
    }

    @Transactional(readOnly = true)
    public VolumeTypeEntity defaultType() {
        return types.findByName(DEFAULT_TYPE).orElseThrow();
    }

    /** The backend the type's volumes go to; 400 when it names a backend that is not configured. */
    public String backendOf(VolumeTypeEntity type) {
        String name = type.getExtraSpecs().get(BACKEND_SPEC);
        if (name == null) {
            return backends.defaultName();
        }
        if (backends.find(name).isEmpty()) {
            throw VolumeError.INVALID_TYPE.exception("volume type " + type.getName() + " asks for backend '" + name
                    + "', which is not configured (no valid backend was found)");
        }
        return name;
    }

    /** Whether the type's backend has every capability its extra specs ask for ({@link BackendCapabilities}). */
    public boolean schedulable(VolumeTypeEntity type) {
        return BackendCapabilities.satisfies(backends.get(backendOf(type)), type.getExtraSpecs());
    }

    @Transactional
    public VolumeTypeEntity create(String name, String description, boolean isPublic, Map<String, String> specs) {
        if (types.findByName(name).isPresent()) {
            throw VolumeError.TYPE_EXISTS.exception(name);
        }
        VolumeTypeEntity t = new VolumeTypeEntity(UUID.randomUUID().toString(), name, description, isPublic,
                clock.instant());
        if (specs != null) {
            t.getExtraSpecs().putAll(specs);
        }
        return types.save(t);
    }

    @Transactional
    public VolumeTypeEntity update(String id, String name, String description, Boolean isPublic) {
        VolumeTypeEntity t = types.findById(id).orElseThrow(() -> VolumeError.TYPE_NOT_FOUND.exception(id));
        if (name != null && !name.equals(t.getName())) {
            if (DEFAULT_TYPE.equals(t.getName())) {
                throw VolumeError.BAD_REQUEST.exception("The default volume type cannot be renamed.");
            }
            if (types.findByName(name).isPresent()) {
                throw VolumeError.TYPE_EXISTS.exception(name);
            }
            t.setName(name);
        }
        if (description != null) {
            t.setDescription(description);
        }
        if (isPublic != null) {
            t.setPublic(isPublic);
        }
        return t;
    }

    /** Deletes the type unless volumes use it or it is the default (Cinder answers 400 for both). */
    @Transactional
    public void delete(String id, long volumesOfType) {
        VolumeTypeEntity t = types.findById(id).orElseThrow(() -> VolumeError.TYPE_NOT_FOUND.exception(id));
        if (DEFAULT_TYPE.equals(t.getName())) {
            throw VolumeError.BAD_REQUEST.exception("The default volume type cannot be deleted.");
        }
        if (volumesOfType > 0) {
            throw VolumeError.TYPE_IN_USE.exception(id);
        }
        types.delete(t);
    }

    @Transactional
    public Map<String, String> putSpecs(String id, Map<String, String> specs) {
        VolumeTypeEntity t = types.findById(id).orElseThrow(() -> VolumeError.TYPE_NOT_FOUND.exception(id));
        t.getExtraSpecs().putAll(specs);
        return Map.copyOf(t.getExtraSpecs());
    }

    @Transactional
    public void deleteSpec(String id, String key) {
        VolumeTypeEntity t = types.findById(id).orElseThrow(() -> VolumeError.TYPE_NOT_FOUND.exception(id));
        if (t.getExtraSpecs().remove(key) == null) {
            throw VolumeError.TYPE_SPEC_NOT_FOUND.exception(id, key);
        }
    }

    /** The types associated with the QoS specs. */
    @Transactional(readOnly = true)
    public List<VolumeTypeEntity> withQos(String qosSpecsId) {
        return types.findAll().stream().filter(t -> qosSpecsId.equals(t.getQosSpecsId())).toList();
    }

    /** Associates the type with the QoS specs (null: disassociates); Cinder's 404 for an unknown type. */
    @Transactional
    public void setQos(String typeId, String qosSpecsId) {
        VolumeTypeEntity t = types.findById(typeId == null ? "" : typeId)
                .orElseThrow(() -> VolumeError.TYPE_NOT_FOUND.exception(typeId));
        t.setQosSpecsId(qosSpecsId);
    }
}
