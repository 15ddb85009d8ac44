package io.nubo.shared.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every Nubo service says about itself, {@code nubo.service.*}.
 *
 * @param name                 the service's short name (identity, image, ...), used in events and thread names
 * @param errorStyle           keystone, compute, cinder, neutron, glance or swift: its OpenStack error body
 * @param computeRequestHeader also send Nova's {@code x-compute-request-id}
 */
@ConfigurationProperties("nubo.service")
public record NuboServiceProperties(
        String name,
        @DefaultValue("keystone") String errorStyle,
        @DefaultValue("false") boolean computeRequestHeader) {

    public NuboServiceProperties {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("nubo.service.name is required (identity, image, compute, ...)");
        }
    }
}
