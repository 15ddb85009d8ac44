package io.nubo.blockstorage.group;

import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Group types and their specs, as Cinder's {@code group_types} API: anyone lists the public ones (an administrator
 * every one, or those {@code is_public} names), administrators create, update and delete, and only they see and
 * change the specs. A type that a generic group (3.13) uses is not deleted: Cinder's "still in use" (400).
 */
@Service
public class GroupTypeService {

    private final GroupTypeRepository types;
    private final GroupTypeUsage usage;
    private final Clock clock;

    public GroupTypeService(GroupTypeRepository types, GroupTypeUsage usage, Clock clock) {
        this.types = types;
        this.usage = usage;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<GroupTypeEntity> list(Caller caller, Boolean isPublic) {
        boolean admin = caller.allows(Policy.GROUP_TYPE_MANAGE);
        return types.findAllByOrderByCreatedAt().stream()
                .filter(t -> admin ? isPublic == null || t.isPublic() == isPublic : t.isPublic())
                .toList();
    }

    /** By id; a private type only for an administrator (Cinder's 404 otherwise). */
    @Transactional(readOnly = true)
    public GroupTypeEntity get(Caller caller, String id) {
        return types.findById(id).filter(t -> t.isPublic() || caller.allows(Policy.GROUP_TYPE_MANAGE))
                .orElseThrow(() -> VolumeError.GROUP_TYPE_NOT_FOUND.exception(id));
    }

    /** The id of a type by id, else by name (Cinder's group create takes either): 404 "Group type ... not found." */
    @Transactional(readOnly = true)
    public String idOf(Caller caller, String idOrName) {
        return types.findById(idOrName).or(() -> types.findByName(idOrName))
                .filter(t -> t.isPublic() || caller.allows(Policy.GROUP_TYPE_MANAGE))
                .orElseThrow(() -> VolumeError.GROUP_TYPE_NOT_FOUND.exception(idOrName)).getId();
    }

    @Transactional
    public GroupTypeEntity create(Caller caller, String name, String description, boolean isPublic,
                                  Map<String, String> specs) {
        caller.require(Policy.GROUP_TYPE_MANAGE);
        if (types.findByName(name).isPresent()) {
            throw VolumeError.GROUP_TYPE_EXISTS.exception(name);
        }
        GroupTypeEntity t = new GroupTypeEntity(UUID.randomUUID().toString(), name, description, isPublic,
                clock.instant());
        if (specs != null) {
            t.getGroupSpecs().putAll(specs);
        }
        return types.save(t);
    }

    @Transactional
    public GroupTypeEntity update(Caller caller, String id, String name, String description, Boolean isPublic) {
        caller.require(Policy.GROUP_TYPE_MANAGE);
        GroupTypeEntity t = get(caller, id);
        if (name != null && !name.equals(t.getName())) {
            if (types.findByName(name).isPresent()) {
                throw VolumeError.GROUP_TYPE_EXISTS.exception(name);
            }
            t.setName(name);
        }
        if (description != null) {
            t.setDescription(description);
        }
        if (isPublic != null) {
            t.setPublic(isPublic);
        }
        return types.save(t);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        caller.require(Policy.GROUP_TYPE_MANAGE);
        GroupTypeEntity t = get(caller, id);
        if (usage.inUse(t.getId())) {
            throw VolumeError.BAD_REQUEST.exception("Target group type is still in use.");
        }
        types.delete(t);
    }

    /** The specs of a type, for an administrator ({@code group:group_types_specs}). */
    @Transactional(readOnly = true)
    public Map<String, String> specs(Caller caller, String id) {
        caller.require(Policy.GROUP_TYPE_SPECS);
        return Map.copyOf(get(caller, id).getGroupSpecs());
    }

    /** A type's group specs for another feature's checks (3.38's replication); none when there is no such type. */
    @Transactional(readOnly = true)
    public Map<String, String> groupSpecsOf(String id) {
        return types.findById(id).map(t -> Map.copyOf(t.getGroupSpecs())).orElse(Map.of());
    }

    @Transactional
    public void putSpecs(Caller caller, String id, Map<String, String> specs) {
        caller.require(Policy.GROUP_TYPE_SPECS);
        GroupTypeEntity t = get(caller, id);
        t.getGroupSpecs().putAll(specs);
        types.save(t);
    }

    @Transactional
    public void deleteSpec(Caller caller, String id, String key) {
        caller.require(Policy.GROUP_TYPE_SPECS);
        GroupTypeEntity t = get(caller, id);
        if (t.getGroupSpecs().remove(key) == null) {
            throw VolumeError.GROUP_TYPE_SPEC_NOT_FOUND.exception(id, key);
        }
        types.save(t);
    }
}
