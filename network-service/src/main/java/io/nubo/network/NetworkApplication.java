package io.nubo.network;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Network (Neutron v2.0). Runs alone or inside the all-in-one, reading {@code network-service.yml}. */
@SpringBootApplication
public class NetworkApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(NetworkApplication.class).properties("spring.config.name=network-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
