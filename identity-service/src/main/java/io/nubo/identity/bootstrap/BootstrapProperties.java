package io.nubo.identity.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nubo.identity.bootstrap.*}: what the first start creates.
 *
 * @param adminPassword the admin user's password; when unset one is generated and written to the data directory
 * @param publicUrl     the gateway's public URL, from which the catalog's endpoints are made
 * @param bcryptCost    bcrypt cost for password hashes
 * @param region        the region of the bootstrapped endpoints
 */
@ConfigurationProperties("nubo.identity.bootstrap")
public record BootstrapProperties(String adminPassword,
                                  @DefaultValue("http://127.0.0.1:8780") String publicUrl,
                                  @DefaultValue("10") int bcryptCost,
                                  @DefaultValue("RegionOne") String region) {

    public BootstrapProperties {
        if (bcryptCost < 4 || bcryptCost > 31) {
            throw new IllegalStateException("nubo.identity.bootstrap.bcrypt-cost must be between 4 and 31");
        }
        while (publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
    }
}
