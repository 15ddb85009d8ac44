package io.nubo.shared.config;

import io.nubo.shared.outbound.OutboundProperties;
import io.nubo.shared.outbound.OutboundUrlGuard;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The one guard for URLs users make a service fetch ({@code nubo.outbound.*}). */
@AutoConfiguration
@EnableConfigurationProperties(OutboundProperties.class)
public class NuboOutboundAutoConfiguration {

    @Bean
    OutboundUrlGuard outboundUrlGuard(OutboundProperties properties) {
        return new OutboundUrlGuard(properties);
    }
}
