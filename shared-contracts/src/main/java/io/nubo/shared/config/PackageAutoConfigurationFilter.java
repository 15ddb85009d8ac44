package io.nubo.shared.config;

import java.util.Arrays;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out every auto-configuration whose class name starts with a prefix in
 * {@code nubo.autoconfigure.exclude-prefixes}. The all-in-one runs the gateway and six services on one classpath,
 * so each sees the others' libraries: the services leave out the gateway's auto-configuration, and the gateway
 * leaves out the services' stack (JPA, Flyway, Kafka, security, shared-contracts).
 */
public class PackageAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

    public static final String PROPERTY = "nubo.autoconfigure.exclude-prefixes";

    private List<String> prefixes = List.of();

    @Override
    public void setEnvironment(Environment environment) {
        String value = environment.getProperty(PROPERTY, "");
        prefixes = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
        boolean[] keep = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            String c = candidates[i];
            keep[i] = c == null || prefixes.stream().noneMatch(c::startsWith);
        }
        return keep;
    }
}
