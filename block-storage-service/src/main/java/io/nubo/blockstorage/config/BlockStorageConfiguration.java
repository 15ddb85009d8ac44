package io.nubo.blockstorage.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The block storage service's beans that are not components. */
@Configuration(proxyBeanMethods = false)
public class BlockStorageConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
