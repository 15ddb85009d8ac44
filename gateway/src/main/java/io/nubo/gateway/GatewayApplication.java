package io.nubo.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Nubo's one public endpoint. Runs alone or inside the all-in-one, reading {@code gateway.yml}. */
@SpringBootApplication
@EnableConfigurationProperties(GatewayRoutesProperties.class)
public class GatewayApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=gateway");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
