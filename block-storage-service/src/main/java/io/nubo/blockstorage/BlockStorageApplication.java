package io.nubo.blockstorage;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Block storage (Cinder v3). Runs alone or inside the all-in-one, reading {@code block-storage-service.yml}. */
@SpringBootApplication
public class BlockStorageApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(BlockStorageApplication.class).properties("spring.config.name=block-storage-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
