package io.nubo.image.image;

import io.nubo.image.member.MemberRepository;
import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import org.springframework.stereotype.Component;

/**
 * Glance's default policy for who sees and changes an image: the owner project and admins do everything; anyone
 * sees public and community images; a project an image is shared with sees it whatever its membership status.
 * An image the caller may not see is a 404, one it sees but may not change a 403.
 */
@Component
public class ImageAccess {

    private final ImageRepository images;
    private final MemberRepository members;

    public ImageAccess(ImageRepository images, MemberRepository members) {
        this.images = images;
        this.members = members;
    }

    public ImageEntity visible(String imageId, Caller caller) {
        ImageEntity image = images.findLive(imageId).orElseThrow(() -> ImageError.IMAGE_NOT_FOUND.exception(imageId));
        if (!canSee(image, caller)) {
            throw ImageError.IMAGE_NOT_FOUND.exception(imageId);
        }
        return image;
    }

    public ImageEntity modifiable(String imageId, Caller caller) {
        ImageEntity image = visible(imageId, caller);
        if (!canModify(image, caller)) {
            throw ImageError.FORBIDDEN.exception("You are not permitted to modify image " + imageId + ".");
        }
        return image;
    }

    public boolean canSee(ImageEntity image, Caller caller) {
        if (caller.admin() || caller.service() || caller.owns(image.getOwner())) {
            return true;
        }
        return switch (image.getVisibility()) {
            case PUBLIC, COMMUNITY -> true;
            case SHARED -> caller.projectId() != null
                    && members.findByImageIdAndMemberId(image.getId(), caller.projectId()).isPresent();
            case PRIVATE -> false;
        };
    }

    public boolean canModify(ImageEntity image, Caller caller) {
        return caller.admin() || caller.owns(image.getOwner());
    }
}
