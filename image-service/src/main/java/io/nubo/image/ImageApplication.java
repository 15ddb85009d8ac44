package io.nubo.image;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Image (Glance v2). Runs alone or inside the all-in-one, reading {@code image-service.yml}. */
@SpringBootApplication
public class ImageApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ImageApplication.class).properties("spring.config.name=image-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
