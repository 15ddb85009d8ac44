package io.nubo.network.common;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Transient;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;
import org.springframework.data.domain.Persistable;

/**
 * Neutron's standard attributes, shared by every resource: id, project, name and description, tags
 * ({@code standard-attr-tag}), {@code created_at}/{@code updated_at} and {@code revision_number}, which is the
 * entity's optimistic-lock version, so it goes up by one on every change, tags included.
 */
@MappedSuperclass
public abstract class StandardAttributes implements Persistable<String> {

    @Id
    private String id = UUID.randomUUID().toString();
    @Column(name = "project_id", updatable = false)
    private String projectId;
    private String description = "";
    @Version
    @Column(name = "revision_number")
    private long revisionNumber;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "resource_tags", joinColumns = @JoinColumn(name = "resource_id"))
    @Column(name = "tag")
    @BatchSize(size = 200)
    private Set<String> tags = new TreeSet<>();

    /** Ids are chosen here, so Spring Data cannot tell a new row by its id: persist, never merge, a new one. */
    @Transient
    private boolean fresh = true;

    protected StandardAttributes() {
    }

    @PostLoad
    @PostPersist
    void stored() {
        fresh = false;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    protected StandardAttributes(String projectId) {
        this.projectId = projectId;
    }

    @PrePersist
    void created() {
        createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        updatedAt = createdAt;
    }

    @PreUpdate
    void updated() {
        updatedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public String getId() {
        return id;
    }

    public String getProjectId() {
        return projectId;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description == null ? "" : description;
    }

    public long getRevisionNumber() {
        return revisionNumber;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public List<String> getTags() {
        return List.copyOf(new TreeSet<>(tags));
    }

    public void setTags(Set<String> tags) {
        this.tags.clear();
        this.tags.addAll(tags);
    }

    /** Marks the row changed even when only a child row changed, so revision and updated_at move. */
    public void touch() {
        updatedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    public String createdAtText() {
        return createdAt == null ? null : createdAt.toString();
    }

    public String updatedAtText() {
        return updatedAt == null ? null : updatedAt.toString();
    }
}
