package io.nubo.identity.appcred;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What an application credential may call: a service type, an HTTP method and a path (with * and **). */
@Entity
@Table(name = "access_rules")
public class AccessRuleEntity {

    @Id
    private String id;
    @Column(name = "user_id")
    private String userId;
    private String service;
    private String path;
    private String method;

    protected AccessRuleEntity() {
    }

    public AccessRuleEntity(String id, String userId, String service, String path, String method) {
        this.id = id;
        this.userId = userId;
        this.service = service;
        this.path = path;
        this.method = method;
    }

    public String getId() {
        return id;
    }

    public String getUserId() {
        return userId;
    }

    public String getService() {
        return service;
    }

    public String getPath() {
        return path;
    }

    public String getMethod() {
        return method;
    }
}
