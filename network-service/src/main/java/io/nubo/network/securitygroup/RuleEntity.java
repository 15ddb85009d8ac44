package io.nubo.network.securitygroup;

import io.nubo.network.common.StandardAttributes;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Objects;

/** A security group rule row. Rules are never updated, only created and deleted (as in Neutron). */
@Entity
@Table(name = "security_group_rules")
class RuleEntity extends StandardAttributes {

    @Column(name = "security_group_id", updatable = false)
    String securityGroupId;
    @Column(updatable = false)
    String direction;
    @Column(updatable = false)
    String ethertype;
    @Column(updatable = false)
    String protocol;
    @Column(name = "port_range_min", updatable = false)
    Integer portRangeMin;
    @Column(name = "port_range_max", updatable = false)
    Integer portRangeMax;
    @Column(name = "remote_ip_prefix", updatable = false)
    String remoteIpPrefix;
    @Column(name = "remote_group_id", updatable = false)
    String remoteGroupId;

    protected RuleEntity() {
    }

    RuleEntity(String projectId, String securityGroupId, RuleRequest r) {
        super(projectId);
        this.securityGroupId = securityGroupId;
        this.direction = r.direction();
        this.ethertype = r.ethertype();
        this.protocol = r.protocol();
        this.portRangeMin = r.portRangeMin();
        this.portRangeMax = r.portRangeMax();
        this.remoteIpPrefix = r.remoteIpPrefix();
        this.remoteGroupId = r.remoteGroupId();
        setDescription(r.description());
    }

    /** Same traffic as the request describes (Neutron's duplicate check ignores the description). */
    boolean sameAs(RuleRequest r, String groupId) {
        return securityGroupId.equals(groupId) && direction.equals(r.direction()) && ethertype.equals(r.ethertype())
                && Objects.equals(protocol, r.protocol()) && Objects.equals(portRangeMin, r.portRangeMin())
                && Objects.equals(portRangeMax, r.portRangeMax())
                && Objects.equals(RuleRequest.normalized(remoteIpPrefix), r.normalizedCidr())
                && Objects.equals(remoteGroupId, r.remoteGroupId());
    }

    SecurityGroupRule rule() {
        return new SecurityGroupRule(getId(), securityGroupId, direction, ethertype, protocol, portRangeMin,
                portRangeMax, RuleRequest.normalized(remoteIpPrefix), remoteGroupId);
    }
}
