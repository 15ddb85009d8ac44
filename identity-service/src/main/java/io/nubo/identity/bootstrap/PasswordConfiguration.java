package io.nubo.identity.bootstrap;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration
@EnableConfigurationProperties(BootstrapProperties.class)
public class PasswordConfiguration {

    @Bean
    PasswordEncoder passwordEncoder(BootstrapProperties props) {
        return new BCryptPasswordEncoder(props.bcryptCost());
    }
}
