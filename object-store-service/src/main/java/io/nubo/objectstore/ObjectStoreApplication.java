package io.nubo.objectstore;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Object store (Swift v1). Runs alone or inside the all-in-one, reading {@code object-store-service.yml}. */
@SpringBootApplication
public class ObjectStoreApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ObjectStoreApplication.class).properties("spring.config.name=object-store-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
