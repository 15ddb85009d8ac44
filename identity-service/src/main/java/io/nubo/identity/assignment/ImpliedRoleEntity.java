package io.nubo.identity.assignment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** An inference rule: whoever holds the prior role also holds the implied one. */
@Entity
@Table(name = "implied_roles")
@IdClass(ImpliedRoleEntity.Key.class)
public class ImpliedRoleEntity {

    public record Key(String priorRoleId, String impliedRoleId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "prior_role_id")
    private String priorRoleId;
    @Id
    @Column(name = "implied_role_id")
    private String impliedRoleId;

    protected ImpliedRoleEntity() {
    }

    public ImpliedRoleEntity(String priorRoleId, String impliedRoleId) {
        this.priorRoleId = priorRoleId;
        this.impliedRoleId = impliedRoleId;
    }

    public String getPriorRoleId() {
        return priorRoleId;
    }

    public String getImpliedRoleId() {
        return impliedRoleId;
    }
}
