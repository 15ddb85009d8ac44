package io.nubo.image.image;

import static io.nubo.image.image.ImageStatus.ACTIVE;
import static io.nubo.image.image.ImageStatus.DEACTIVATED;
import static io.nubo.image.image.ImageStatus.DELETED;
import static io.nubo.image.image.ImageStatus.IMPORTING;
import static io.nubo.image.image.ImageStatus.KILLED;
import static io.nubo.image.image.ImageStatus.PENDING_DELETE;
import static io.nubo.image.image.ImageStatus.QUEUED;
import static io.nubo.image.image.ImageStatus.SAVING;
import static io.nubo.image.image.ImageStatus.UPLOADING;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import io.nubo.testsupport.architecture.ModuleClasses;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The image state table, without Spring or a database. */
class ImageTransitionTest {

    @Test
    void eachTransitionGoesFromItsStatusesToOne() {
        assertThat(ImageTransition.BEGIN_UPLOAD.from()).containsExactly(QUEUED);
        assertThat(ImageTransition.BEGIN_UPLOAD.to()).isEqualTo(SAVING);
        assertThat(ImageTransition.FINISH_UPLOAD.to()).isEqualTo(ACTIVE);
        assertThat(ImageTransition.BEGIN_IMPORT.from()).containsExactlyInAnyOrder(QUEUED, UPLOADING);
        assertThat(ImageTransition.SET_LOCATION.from()).containsExactly(QUEUED);
        assertThat(ImageTransition.SET_LOCATION.to()).isEqualTo(ACTIVE);
        assertThat(ImageTransition.REQUEUE_INTERRUPTED.from()).containsExactlyInAnyOrder(SAVING, IMPORTING);
        assertThat(ImageTransition.REQUEUE_INTERRUPTED.to()).isEqualTo(QUEUED);
    }

    @Test
    void onlyQueuedImagesTakeData() {
        for (ImageStatus s : ImageStatus.values()) {
            assertThat(ImageTransition.BEGIN_UPLOAD.allowedFrom(s)).as(s.wire()).isEqualTo(s == QUEUED);
            assertThat(ImageTransition.BEGIN_STAGE.allowedFrom(s)).as(s.wire()).isEqualTo(s == QUEUED);
        }
        assertThat(ImageTransition.FINISH_UPLOAD.allowedFrom(QUEUED)).isFalse();
        assertThat(ImageTransition.FINISH_IMPORT.allowedFrom(SAVING)).isFalse();
    }

    @Test
    void everyTransitionalStatusHasAWayBackToQueued() {
        for (ImageStatus transitional : EnumSet.of(SAVING, UPLOADING, IMPORTING)) {
            assertThat(Arrays.stream(ImageTransition.values())
                    .filter(t -> t.to() == QUEUED && t.allowedFrom(transitional)))
                    .as(transitional.wire()).isNotEmpty();
        }
    }

    @Test
    void activationTogglesOnlyBetweenActiveAndDeactivatedAndIsIdempotent() {
        assertThat(ImageTransition.DEACTIVATE.from()).containsExactlyInAnyOrder(ACTIVE, DEACTIVATED);
        assertThat(ImageTransition.REACTIVATE.from()).containsExactlyInAnyOrder(ACTIVE, DEACTIVATED);
        assertThat(ImageTransition.DEACTIVATE.allowedFrom(QUEUED)).isFalse();
    }

    @Test
    void aDeletedImageNeverChangesAgainAndEverythingElseCanBeDeleted() {
        for (ImageTransition t : ImageTransition.values()) {
            assertThat(t.allowedFrom(DELETED)).as(t.name()).isFalse();
        }
        assertThat(ImageTransition.DELETE.from()).isEqualTo(EnumSet.complementOf(EnumSet.of(DELETED)));
    }

    @Test
    void glancesKilledAndPendingDeleteAreNeverReached() {
        assertThat(Arrays.stream(ImageTransition.values()).map(ImageTransition::to))
                .doesNotContain(KILLED, PENDING_DELETE);
    }

    @Test
    void everyTransitionInTheTableIsUsedByTheService() {
        JavaClasses main = ModuleClasses.main("io.nubo.image");
        Set<String> used = main.stream()
                .filter(c -> !c.getName().equals(ImageTransition.class.getName()))
                .flatMap(c -> c.getFieldAccessesFromSelf().stream())
                .filter(a -> a.getTargetOwner().getName().equals(ImageTransition.class.getName()))
                .map(JavaFieldAccess::getName)
                .collect(Collectors.toSet());
        assertThat(used).containsAll(Arrays.stream(ImageTransition.values()).map(Enum::name).toList());
    }
}
