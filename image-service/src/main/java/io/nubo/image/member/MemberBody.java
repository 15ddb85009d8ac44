package io.nubo.image.member;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.image.image.ImageRenderer;
import java.util.List;

/** An image member on the wire, as Glance renders it. */
public record MemberBody(
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("image_id") String imageId,
        @JsonProperty("member_id") String memberId,
        String schema,
        String status,
        @JsonProperty("updated_at") String updatedAt) {

    static MemberBody of(MemberEntity m) {
        return new MemberBody(ImageRenderer.time(m.getCreatedAt()), m.getImageId(), m.getMemberId(),
                "/v2/schemas/member", m.getStatus().wire(), ImageRenderer.time(m.getUpdatedAt()));
    }

    public record MemberList(List<MemberBody> members, String schema) {
    }
}
