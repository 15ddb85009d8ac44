package io.nubo.image.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One interoperable import of an image, as Glance's tasks API shows it (v2.12+). */
@Entity
@Table(name = "image_tasks")
public class TaskEntity {

    @Id
    private String id;
    @Column(name = "image_id")
    private String imageId;
    private String type;
    private String status;
    private String method;
    private String owner;
    @Column(name = "user_id")
    private String userId;
    @Column(name = "request_id")
    private String requestId;
    private String message;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected TaskEntity() {
    }

    public TaskEntity(String id, String imageId, String method, String owner, String userId, String requestId,
                      Instant now) {
        this.id = id;
        this.imageId = imageId;
        this.type = "api_image_import";
        this.status = "processing";
        this.method = method;
        this.owner = owner;
        this.userId = userId;
        this.requestId = requestId;
        this.message = "";
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void finish(boolean success, String message, Instant now) {
        this.status = success ? "success" : "failure";
        this.message = message == null ? "" : message;
        this.updatedAt = now;
    }

    public String getId() {
        return id;
    }

    public String getImageId() {
        return imageId;
    }

    public String getType() {
        return type;
    }

    public String getStatus() {
        return status;
    }

    public String getMethod() {
        return method;
    }

    public String getOwner() {
        return owner;
    }

    public String getUserId() {
        return userId;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getMessage() {
        return message;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
