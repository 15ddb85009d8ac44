package io.nubo.metering;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Metering and rating (CloudKitty v1/v2 API): a ledger of usage intervals kept from every service's events,
 * rated with CloudKitty's hashmap rules. Runs alone or inside the all-in-one, reading {@code metering-service.yml}.
 */
@SpringBootApplication
public class MeteringApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(MeteringApplication.class)
                .properties("spring.config.name=metering-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
