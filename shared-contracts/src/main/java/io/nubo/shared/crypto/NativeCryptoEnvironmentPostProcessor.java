package io.nubo.shared.crypto;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/** Installs {@link NativeCrypto} before any service's beans exist, unless {@code nubo.crypto.native=false}. */
public class NativeCryptoEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        NativeCrypto.install(environment.getProperty("nubo.crypto.native", Boolean.class, true));
    }
}
