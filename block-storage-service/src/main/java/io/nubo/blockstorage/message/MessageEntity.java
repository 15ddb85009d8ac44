package io.nubo.blockstorage.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One user message (Cinder's {@code messages} table): which action on which resource failed, and why. */
@Entity
@Table(name = "user_messages")
public class MessageEntity {

    @Id
    private String id;
    @Column(name = "project_id")
    private String projectId;
    @Column(name = "request_id")
    private String requestId;
    @Column(name = "resource_type")
    private String resourceType;
    @Column(name = "resource_uuid")
    private String resourceUuid;
    @Column(name = "event_id")
    private String eventId;
    @Column(name = "action_id")
    private String actionId;
    @Column(name = "detail_id")
    private String detailId;
    @Column(name = "message_level")
    private String messageLevel;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "guaranteed_until")
    private Instant guaranteedUntil;

    protected MessageEntity() {
    }

    MessageEntity(String id, String projectId, String requestId, String resourceUuid, UserMessage.Action action,
                  UserMessage.Detail detail, Instant createdAt, Instant guaranteedUntil) {
        this.id = id;
        this.projectId = projectId;
        this.requestId = requestId;
        this.resourceType = UserMessage.RESOURCE_VOLUME;
        this.resourceUuid = resourceUuid;
        this.eventId = UserMessage.eventId(resourceType, action, detail);
        this.actionId = action.id();
        this.detailId = detail.id();
        this.messageLevel = "ERROR";
        this.createdAt = createdAt;
        this.guaranteedUntil = guaranteedUntil;
    }

    public String getId() { return id; }
    public String getProjectId() { return projectId; }
    public String getRequestId() { return requestId; }
    public String getResourceType() { return resourceType; }
    public String getResourceUuid() { return resourceUuid; }
    public String getEventId() { return eventId; }
    public String getActionId() { return actionId; }
    public String getDetailId() { return detailId; }
    public String getMessageLevel() { return messageLevel; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getGuaranteedUntil() { return guaranteedUntil; }
}
