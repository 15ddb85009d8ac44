package io.nubo.compute;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Compute (Nova v2.1). Runs alone or inside the all-in-one, reading {@code compute-service.yml}. */
@SpringBootApplication
public class ComputeApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ComputeApplication.class).properties("spring.config.name=compute-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
