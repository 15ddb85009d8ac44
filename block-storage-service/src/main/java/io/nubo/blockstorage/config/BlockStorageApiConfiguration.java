package io.nubo.blockstorage.config;

import io.nubo.blockstorage.request.Policy;
import io.nubo.shared.microversion.MicroversionConfiguration;
import io.nubo.shared.microversion.MicroversionSpec;
import io.nubo.shared.policy.PolicyTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The API's shared mechanisms: the microversions served (3.0 to 3.42, each change of 3.1..3.42 served: raise
 * {@link #MAX} only with what each microversion brings), negotiated by the shared
 * filter on {@code OpenStack-API-Version: volume X.Y} (and Cinder's legacy {@code OpenStack-Volume-microversion}),
 * and the access rules as the shared policy table.
 */
@Configuration(proxyBeanMethods = false)
@Import(MicroversionConfiguration.class)
public class BlockStorageApiConfiguration {

    public static final String MIN = "3.0";
    public static final String MAX = "3.42";

    @Bean
    MicroversionSpec volumeMicroversions() {
        return MicroversionSpec.of("volume", "OpenStack-Volume-microversion", MIN, MAX, "/v3");
    }

    @Bean
    PolicyTable blockStoragePolicyTable() {
        return Policy.TABLE;
    }
}
