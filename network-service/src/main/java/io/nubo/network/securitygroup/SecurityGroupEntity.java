package io.nubo.network.securitygroup;

import io.nubo.network.common.StandardAttributes;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A security group row; its rules are {@link RuleEntity} rows. */
@Entity
@Table(name = "security_groups")
class SecurityGroupEntity extends StandardAttributes {

    String name = "";
    boolean stateful = true;

    protected SecurityGroupEntity() {
    }

    SecurityGroupEntity(String projectId) {
        super(projectId);
    }
}
