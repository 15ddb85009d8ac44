package io.nubo.identity.policy;

import io.nubo.identity.directory.ExtraAttributes;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;

@Entity
@Table(name = "policies")
public class PolicyEntity {

    @Id
    private String id;
    private String type;
    private String blob;
    @Convert(converter = ExtraAttributes.class)
    private Map<String, Object> extra = new LinkedHashMap<>();

    protected PolicyEntity() {
    }

    public PolicyEntity(String id, String type, String blob, Map<String, Object> extra) {
        this.id = id;
        this.type = type;
        this.blob = blob;
        this.extra = new LinkedHashMap<>(extra);
    }

    public String getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    public String getBlob() {
        return blob;
    }

    public Map<String, Object> getExtra() {
        return extra;
    }

    public void update(String type, String blob, Map<String, Object> extra) {
        if (type != null) {
            this.type = type;
        }
        if (blob != null) {
            this.blob = blob;
        }
        this.extra = new LinkedHashMap<>(extra);
    }
}
