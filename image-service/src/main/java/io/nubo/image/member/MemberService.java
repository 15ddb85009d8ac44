package io.nubo.image.member;

import io.nubo.image.image.ImageAccess;
import io.nubo.image.image.ImageEntity;
import io.nubo.image.image.Visibility;
import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sharing an image with other projects, as Glance does it: only a {@code shared} image has members; its owner adds
 * and removes them; each member project accepts or rejects the share itself; a member sees only its own entry.
 */
@Service
public class MemberService {

    static final int MAX_MEMBERS = 128;

    private final MemberRepository members;
    private final ImageAccess access;
    private final Clock clock;

    public MemberService(MemberRepository members, ImageAccess access, Clock clock) {
        this.members = members;
        this.access = access;
        this.clock = clock;
    }

    @Transactional
    public MemberEntity add(String imageId, String memberId, Caller caller) {
        ImageEntity image = access.visible(imageId, caller);
        if (!access.canModify(image, caller)) {
            throw ImageError.FORBIDDEN.exception("You are not permitted to create image members for the image.");
        }
        if (image.getVisibility() != Visibility.SHARED) {
            throw ImageError.FORBIDDEN.exception("Image members cannot be created for an image with visibility "
                    + image.getVisibility().wire() + ": only shared images have members.");
        }
        if (memberId == null || memberId.isBlank() || memberId.length() > 255) {
            throw ImageError.BAD_REQUEST.exception("A member (project id) of 1 to 255 characters is required.");
        }
        if (members.findByImageIdAndMemberId(imageId, memberId).isPresent()) {
            throw ImageError.CONFLICT.exception("Member " + memberId + " already exists on image " + imageId + ".");
        }
        if (members.findByImageIdOrderByCreatedAt(imageId).size() >= MAX_MEMBERS) {
            throw ImageError.OVER_QUOTA.exception("Maximum number of image members (" + MAX_MEMBERS + ") exceeded.");
        }
        return members.save(new MemberEntity(imageId, memberId, clock.instant()));
    }

    @Transactional(readOnly = true)
    public List<MemberEntity> list(String imageId, Caller caller) {
        ImageEntity image = access.visible(imageId, caller);
        if (image.getVisibility() != Visibility.SHARED && !access.canModify(image, caller)) {
            throw ImageError.FORBIDDEN.exception("Only shared images have members.");
        }
        if (access.canModify(image, caller)) {
            return members.findByImageIdOrderByCreatedAt(imageId);
        }
        return members.findByImageIdAndMemberId(imageId, caller.projectId()).stream().toList();
    }

    @Transactional(readOnly = true)
    public MemberEntity show(String imageId, String memberId, Caller caller) {
        ImageEntity image = access.visible(imageId, caller);
        if (!access.canModify(image, caller) && !memberId.equals(caller.projectId())) {
            throw ImageError.MEMBER_NOT_FOUND.exception(memberId, imageId);
        }
        return members.findByImageIdAndMemberId(imageId, memberId)
                .orElseThrow(() -> ImageError.MEMBER_NOT_FOUND.exception(memberId, imageId));
    }

    @Transactional
    public MemberEntity update(String imageId, String memberId, String status, Caller caller) {
        access.visible(imageId, caller);
        MemberStatus s = MemberStatus.fromWire(status);
        if (s == null) {
            throw ImageError.BAD_REQUEST.exception("Invalid status: " + status + ". It must be one of pending, "
                    + "accepted, rejected.");
        }
        MemberEntity m = members.findByImageIdAndMemberId(imageId, memberId)
                .orElseThrow(() -> ImageError.MEMBER_NOT_FOUND.exception(memberId, imageId));
        if (!memberId.equals(caller.projectId())) {
            throw ImageError.FORBIDDEN.exception("You are not permitted to modify 'status' on this image member: "
                    + "only the member project may accept or reject a share.");
        }
        m.setStatus(s, clock.instant());
        return m;
    }

    @Transactional
    public void remove(String imageId, String memberId, Caller caller) {
        ImageEntity image = access.visible(imageId, caller);
        if (!access.canModify(image, caller)) {
            throw ImageError.FORBIDDEN.exception("You are not permitted to delete image members for the image.");
        }
        MemberEntity m = members.findByImageIdAndMemberId(imageId, memberId)
                .orElseThrow(() -> ImageError.MEMBER_NOT_FOUND.exception(memberId, imageId));
        members.delete(m);
    }
}
