package io.nubo.objectstore.swift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.error.SwiftException;
import org.junit.jupiter.api.Test;

class SwiftPathTest {

    @Test
    void accountContainerAndObjectComeFromTheRawPath() {
        assertThat(SwiftPath.parse("/v1/AUTH_p1")).isEqualTo(new SwiftPath("AUTH_p1", null, null));
        assertThat(SwiftPath.parse("/v1/AUTH_p1/")).isEqualTo(new SwiftPath("AUTH_p1", null, null));
        assertThat(SwiftPath.parse("/v1/AUTH_p1/photos")).isEqualTo(new SwiftPath("AUTH_p1", "photos", null));
        assertThat(SwiftPath.parse("/v1/AUTH_p1/photos/")).isEqualTo(new SwiftPath("AUTH_p1", "photos", null));
        SwiftPath o = SwiftPath.parse("/v1/AUTH_p1/photos/2024/summer%20trip/a%2Fb.jpg");
        assertThat(o.object()).as("slashes and escapes stay in the object name").isEqualTo("2024/summer trip/a/b.jpg");
        assertThat(o.isObject()).isTrue();
        assertThat(o.isContainer()).isFalse();
        assertThat(SwiftPath.parse("/v1/AUTH_p1/c").isContainer()).isTrue();
        assertThat(SwiftPath.parse("/v1/AUTH_p1").isAccount()).isTrue();
    }

    @Test
    void theProjectIsTheAuthAccountsSuffix() {
        assertThat(SwiftPath.parse("/v1/AUTH_abc").projectId()).isEqualTo("abc");
        assertThat(SwiftPath.parse("/v1/SERVICE_abc").projectId()).isNull();
    }

    @Test
    void pathsOutsideV1OrWithoutAnAccountAreNotFound() {
        for (String bad : new String[] {"/v2/AUTH_p1", "/v1/", "/v1//c/o", "/info"}) {
            assertThatThrownBy(() -> SwiftPath.parse(bad)).as(bad).isInstanceOfSatisfying(SwiftException.class,
                    e -> assertThat(e.error()).isEqualTo(SwiftError.OS_001_NOT_FOUND));
        }
    }

    @Test
    void badEscapesAreABadRequest() {
        assertThatThrownBy(() -> SwiftPath.parse("/v1/AUTH_p1/c/%ZZ")).isInstanceOfSatisfying(SwiftException.class,
                e -> assertThat(e.error()).isEqualTo(SwiftError.OS_002_BAD_REQUEST));
        assertThat(SwiftPath.decodeManifest("segs%2Fbig%20file")).isEqualTo("segs/big file");
    }
}
