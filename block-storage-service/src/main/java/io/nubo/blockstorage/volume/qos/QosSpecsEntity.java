package io.nubo.blockstorage.volume.qos;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A named set of QoS specs for a consumer (front-end: the hypervisor, back-end: the storage, both). */
@Entity
@Table(name = "qos_specs")
public class QosSpecsEntity {

    @Id
    private String id;
    private String name;
    private String consumer;
    @Column(name = "created_at")
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "qos_spec_values", joinColumns = @JoinColumn(name = "qos_specs_id"))
    @MapKeyColumn(name = "spec_key")
    @Column(name = "spec_value")
    private Map<String, String> specs = new TreeMap<>();

    protected QosSpecsEntity() {
    }

    QosSpecsEntity(String id, String name, String consumer, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.consumer = consumer;
        this.createdAt = createdAt;
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public String getConsumer() { return consumer; }
    public Instant getCreatedAt() { return createdAt; }
    public Map<String, String> getSpecs() { return specs; }
}
