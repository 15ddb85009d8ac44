package io.nubo.identity.domainconfig;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One option of a domain's configuration; the value is JSON text. */
@Entity
@Table(name = "domain_config")
@IdClass(DomainConfigEntity.Key.class)
public class DomainConfigEntity {

    public record Key(String domainId, String groupName, String optionName) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    @Id
    @Column(name = "domain_id")
    private String domainId;
    @Id
    @Column(name = "group_name")
    private String groupName;
    @Id
    @Column(name = "option_name")
    private String optionName;
    @Column(name = "option_value")
    private String value;

    protected DomainConfigEntity() {
    }

    public DomainConfigEntity(String domainId, String groupName, String optionName, String value) {
        this.domainId = domainId;
        this.groupName = groupName;
        this.optionName = optionName;
        this.value = value;
    }

    public String getGroupName() {
        return groupName;
    }

    public String getOptionName() {
        return optionName;
    }

    public String getValue() {
        return value;
    }
}
