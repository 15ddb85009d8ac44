package io.nubo.blockstorage.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.error.VolumeException;
import io.nubo.shared.microversion.ApiVersion;
import io.nubo.shared.security.NuboPrincipal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The configured resource filters (3.31) as an operator sets them: a resource named takes its list (with
 * {@code name~}, users may pass both {@code name} and, from 3.34, {@code name~}), the others keep Cinder's default.
 */
class ResourceFiltersTest {

    static BlockStorageProperties properties(Map<String, List<String>> filters) {
        return new BlockStorageProperties("file", "nova", "nubo", "http://127.0.0.1:8782", 1000,
                new BlockStorageProperties.File(true, "", "qcow2"),
                new BlockStorageProperties.Rbd(false, "", "admin", "volumes", "", 8388608, ""),
                new BlockStorageProperties.Iscsi(false, "127.0.0.1:3260", 0, "iqn.2010-10.org.openstack:", ""),
                new BlockStorageProperties.Quota(10, 10, 1000, -1, 10, 1000, 10),
                new BlockStorageProperties.Backup(false, "", "cinder", "", "service", "Default", "public",
                        "volumebackups", 4194304), filters);
    }

    static Caller user() {
        return new Caller(new NuboPrincipal("u", "default", "p", "default", null, false, Set.of("member"),
                List.of(), Instant.now(), Instant.now().plusSeconds(60)), null);
    }

    static String rejected(Runnable r) {
        try {
            r.run();
        } catch (VolumeException e) {
            return e.getMessage();
        }
        throw new AssertionError("not rejected");
    }

    @Test
    void aConfiguredLikeFilterAdmitsBothFormsAndTheOtherResourcesKeepTheDefaults() {
        ResourceFilters f = new ResourceFilters(properties(Map.of("volume", List.of("name~", "status"))));
        ResourceFilters.Filters like = f.of("volume", Map.of("name~", "Al", "status", "available", "limit", "3"),
                user(), ApiVersion.parse("3.34"));
        assertThat(like.like()).containsExactly(Map.entry("name", "Al"));
        assertThat(like.exact()).containsExactly(Map.entry("status", "available"));
        assertThat(like.matches("name", "alpha")).isTrue();
        assertThat(like.matches("name", "beta")).isFalse();
        assertThat(like.matches("name", null)).isFalse();
        assertThat(f.of("volume", Map.of("name", "x"), user(), ApiVersion.parse("3.34")).get("name")).isEqualTo("x");
        // at 3.31-3.33 name~ is a key the configuration names, but no like filter yet
        ResourceFilters.Filters before = f.of("volume", Map.of("name~", "x"), user(), ApiVersion.parse("3.33"));
        assertThat(before.like()).isEmpty();
        assertThat(before.matches("name", "y")).isTrue();
        // without name~ configured, a user's name~ is refused from 3.34 (Cinder's default file)
        ResourceFilters defaults = new ResourceFilters(properties(null));
        assertThat(rejected(() -> defaults.of("volume", Map.of("name~", "x"), user(), ApiVersion.parse("3.34"))))
                .isEqualTo("Invalid filters name~ are found in query options.");
        // bootable is in Cinder's default volume list, not in this one
        assertThatThrownBy(() -> f.of("volume", Map.of("bootable", "true"), user(), ApiVersion.parse("3.31")))
                .isInstanceOf(VolumeException.class);
        // before 3.31 nothing is refused
        assertThat(f.of("volume", Map.of("bootable", "true"), user(), ApiVersion.parse("3.30")).get("bootable"))
                .isEqualTo("true");
        assertThat(f.enabled("volume")).containsExactly(Map.entry("volume", List.of("name~", "status")));
        assertThat(f.enabled("backup")).containsExactly(Map.entry("backup", List.of("name", "status", "volume_id")));
        assertThat(f.enabled(null).keySet()).contains("snapshot", "pool", "message");
        assertThat(rejected(() -> f.of("snapshot", Map.of("\u00e9t\u00e9", "x"), user(), ApiVersion.parse("3.31"))))
                .isEqualTo("Filter keys can only contain ASCII characters.");
    }
}
