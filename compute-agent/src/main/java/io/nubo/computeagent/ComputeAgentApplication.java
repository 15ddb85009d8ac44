package io.nubo.computeagent;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The compute agent: one per compute host, no web server. Runs alone ({@code java -jar}) or inside the all-in-one,
 * reading {@code compute-agent.yml}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ComputeAgentApplication {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ComputeAgentApplication.class).web(WebApplicationType.NONE)
                .properties("spring.config.name=compute-agent");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
