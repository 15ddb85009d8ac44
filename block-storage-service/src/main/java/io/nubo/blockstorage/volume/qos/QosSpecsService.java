package io.nubo.blockstorage.volume.qos;

import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.volume.type.VolumeTypeEntity;
import io.nubo.blockstorage.volume.type.VolumeTypeService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cinder's QoS specs: named key/value sets for a consumer, associated with volume types (a type has at most one).
 * They are kept and shown; no backend here applies back-end specs (the pools say {@code QoS_support: false}) and the
 * compute agent does not yet turn front-end specs into libvirt {@code iotune}.
 */
@Service
public class QosSpecsService {

    private final QosSpecsRepository specs;
    private final VolumeTypeService types;
    private final Clock clock;

    public QosSpecsService(QosSpecsRepository specs, VolumeTypeService types, Clock clock) {
        this.specs = specs;
        this.types = types;
        this.clock = clock;
    }

    @Transactional
    public QosSpecsEntity create(String name, String consumer, Map<String, String> values) {
        if (specs.findByName(name).isPresent()) {
            throw VolumeError.QOS_EXISTS.exception(name);
        }
        QosSpecsEntity q = new QosSpecsEntity(UUID.randomUUID().toString(), name,
                consumer == null ? "back-end" : consumer, clock.instant());
        q.getSpecs().putAll(values);
        return specs.save(q);
    }

    @Transactional(readOnly = true)
    public List<QosSpecsEntity> list() {
        return specs.findAll().stream().sorted(java.util.Comparator.comparing(QosSpecsEntity::getCreatedAt)).toList();
    }

    @Transactional(readOnly = true)
    public QosSpecsEntity get(String id) {
        return specs.findById(id).orElseThrow(() -> VolumeError.QOS_NOT_FOUND.exception(id));
    }

    /** Deletes the specs; associated with a type only with {@code force} (which disassociates), as Cinder. */
    @Transactional
    public void delete(String id, boolean force) {
        QosSpecsEntity q = get(id);
        List<VolumeTypeEntity> users = types.withQos(id);
        if (!users.isEmpty() && !force) {
            throw VolumeError.QOS_IN_USE.exception(id);
        }
        users.forEach(t -> types.setQos(t.getId(), null));
        specs.delete(q);
    }

    @Transactional
    public Map<String, String> setKeys(String id, Map<String, String> values) {
        get(id).getSpecs().putAll(values);
        return values;
    }

    /** Removes the keys; Cinder's 404 when one is not there. */
    @Transactional
    public void unsetKeys(String id, List<String> keys) {
        QosSpecsEntity q = get(id);
        for (String k : keys) {
            if (!q.getSpecs().containsKey(k)) {
                throw VolumeError.NOT_FOUND.exception("QoS spec " + id + " has no key " + k + ".");
            }
        }
        keys.forEach(q.getSpecs()::remove);
    }

    @Transactional(readOnly = true)
    public List<VolumeTypeEntity> associations(String id) {
        get(id);
        return types.withQos(id);
    }

    /** Associates a type; a type already associated with other specs is Cinder's 400. */
    @Transactional
    public void associate(String id, String typeId) {
        get(id);
        VolumeTypeEntity t = types.find(typeId).orElseThrow(() -> VolumeError.TYPE_NOT_FOUND.exception(typeId));
        if (t.getQosSpecsId() != null && !t.getQosSpecsId().equals(id)) {
            throw VolumeError.INVALID_TYPE.exception("Type " + typeId + " is already associated with another qos"
                    + " specs: " + t.getQosSpecsId());
        }
        types.setQos(t.getId(), id);
    }

    @Transactional
    public void disassociate(String id, String typeId) {
        get(id);
        VolumeTypeEntity t = types.find(typeId).orElseThrow(() -> VolumeError.TYPE_NOT_FOUND.exception(typeId));
        if (id.equals(t.getQosSpecsId())) {
            types.setQos(t.getId(), null);
        }
    }

    @Transactional
    public void disassociateAll(String id) {
        associations(id).forEach(t -> types.setQos(t.getId(), null));
    }
}
