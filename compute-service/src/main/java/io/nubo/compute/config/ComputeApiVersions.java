package io.nubo.compute.config;

import io.nubo.shared.microversion.MicroversionConfiguration;
import io.nubo.shared.microversion.MicroversionSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The microversions this service implements and tests, announced by the version document and enforced by the
 * shared mechanism (request validation picks a handler's schema by the same negotiated version). Raise {@link #MAX} only together with the changes that microversion brings.
 */
@Configuration(proxyBeanMethods = false)
@Import(MicroversionConfiguration.class)
public class ComputeApiVersions {

    public static final String MIN = "2.1";
    public static final String MAX = "2.30";

    @Bean
    MicroversionSpec computeMicroversions() {
        return MicroversionSpec.of("compute", "X-OpenStack-Nova-API-Version", MIN, MAX, "/v2.1");
    }
}
