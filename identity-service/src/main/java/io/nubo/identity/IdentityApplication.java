package io.nubo.identity;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Keystone v3. Runs alone or inside the all-in-one, reading {@code identity-service.yml}. */
@SpringBootApplication
public class IdentityApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IdentityApplication.class).properties("spring.config.name=identity-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
