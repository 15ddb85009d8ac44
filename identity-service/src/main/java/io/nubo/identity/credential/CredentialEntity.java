package io.nubo.identity.credential;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "credentials")
public class CredentialEntity {

    @Id
    private String id;
    @Column(name = "user_id")
    private String userId;
    @Column(name = "project_id")
    private String projectId;
    private String type;
    private String blob;

    protected CredentialEntity() {
    }

    public CredentialEntity(String id, String userId, String projectId, String type, String blob) {
        this.id = id;
        this.userId = userId;
        this.projectId = projectId;
        this.type = type;
        this.blob = blob;
    }

    public String getId() {
        return id;
    }

    public String getUserId() {
        return userId;
    }

    public String getProjectId() {
        return projectId;
    }

    public String getType() {
        return type;
    }

    public String getBlob() {
        return blob;
    }

    public void update(String userId, String projectId, String type, String blob) {
        if (userId != null) {
            this.userId = userId;
        }
        if (projectId != null) {
            this.projectId = projectId;
        }
        if (type != null) {
            this.type = type;
        }
        if (blob != null) {
            this.blob = blob;
        }
    }
}
