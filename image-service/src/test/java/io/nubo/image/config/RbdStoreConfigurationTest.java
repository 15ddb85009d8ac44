package io.nubo.image.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rbd store refuses to start half-configured, saying which setting is wrong. */
class RbdStoreConfigurationTest {

    @Test
    void enabledWithoutAConfIsAClearStartFailure() {
        assertThatThrownBy(() -> ImageConfiguration.rbdStore(
                new ImageServiceProperties.Rbd(true, "", "admin", "images", 8 << 20)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nubo.image.rbd.conf");
    }

    @Test
    void aConfThatIsNotThereIsNamed() {
        assertThatThrownBy(() -> ImageConfiguration.rbdStore(
                new ImageServiceProperties.Rbd(true, "/nonexistent/ceph.conf", "admin", "images", 8 << 20)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/ceph.conf");
    }

    @Test
    void aTinyChunkSizeIsRefused() {
        assertThatThrownBy(() -> ImageConfiguration.rbdStore(
                new ImageServiceProperties.Rbd(true, "/etc/hostname", "admin", "images", 10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chunk-size");
    }
}
