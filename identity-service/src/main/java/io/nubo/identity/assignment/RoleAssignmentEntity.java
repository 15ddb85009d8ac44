package io.nubo.identity.assignment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A role granted to an actor (user or group) on a target (project, domain or the system). */
@Entity
@Table(name = "role_assignments")
@IdClass(RoleAssignmentEntity.Key.class)
public class RoleAssignmentEntity {

    public static final String USER = "user";
    public static final String GROUP = "group";
    public static final String PROJECT = "project";
    public static final String DOMAIN = "domain";
    public static final String SYSTEM = "system";
    public static final String SYSTEM_ALL = "all";

    public record Key(String actorType, String actorId, String targetType, String targetId, String roleId,
                      boolean inherited) implements Serializable {
        public Key() {
            this(null, null, null, null, null, false);
        }
    }

    @Id
    @Column(name = "actor_type")
    private String actorType;
    @Id
    @Column(name = "actor_id")
    private String actorId;
    @Id
    @Column(name = "target_type")
    private String targetType;
    @Id
    @Column(name = "target_id")
    private String targetId;
    @Id
    @Column(name = "role_id")
    private String roleId;
    @Id
    private boolean inherited;

    protected RoleAssignmentEntity() {
    }

    public RoleAssignmentEntity(Key key) {
        this.actorType = key.actorType();
        this.actorId = key.actorId();
        this.targetType = key.targetType();
        this.targetId = key.targetId();
        this.roleId = key.roleId();
        this.inherited = key.inherited();
    }

    public Key key() {
        return new Key(actorType, actorId, targetType, targetId, roleId, inherited);
    }

    public String getActorType() {
        return actorType;
    }

    public boolean isInherited() {
        return inherited;
    }

    public String getActorId() {
        return actorId;
    }

    public String getTargetType() {
        return targetType;
    }

    public String getTargetId() {
        return targetId;
    }

    public String getRoleId() {
        return roleId;
    }
}
