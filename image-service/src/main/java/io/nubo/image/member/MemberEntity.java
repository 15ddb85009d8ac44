package io.nubo.image.member;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A project an image is shared with, and whether that project accepted it. */
@Entity
@Table(name = "image_members")
@IdClass(MemberEntity.Key.class)
public class MemberEntity {

    public record Key(String imageId, String memberId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "image_id")
    private String imageId;
    @Id
    @Column(name = "member_id")
    private String memberId;
    private String status;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected MemberEntity() {
    }

    public MemberEntity(String imageId, String memberId, Instant now) {
        this.imageId = imageId;
        this.memberId = memberId;
        this.status = MemberStatus.PENDING.wire();
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String getImageId() {
        return imageId;
    }

    public String getMemberId() {
        return memberId;
    }

    public MemberStatus getStatus() {
        return MemberStatus.fromWire(status);
    }

    public void setStatus(MemberStatus status, Instant now) {
        this.status = status.wire();
        this.updatedAt = now;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
