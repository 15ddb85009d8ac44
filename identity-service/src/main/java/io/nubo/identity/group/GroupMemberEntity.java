package io.nubo.identity.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

@Entity
@Table(name = "group_members")
@IdClass(GroupMemberEntity.Key.class)
public class GroupMemberEntity {

    public record Key(String groupId, String userId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "group_id")
    private String groupId;
    @Id
    @Column(name = "user_id")
    private String userId;

    protected GroupMemberEntity() {
    }

    public GroupMemberEntity(String groupId, String userId) {
        this.groupId = groupId;
        this.userId = userId;
    }

    public String getGroupId() {
        return groupId;
    }

    public String getUserId() {
        return userId;
    }
}
