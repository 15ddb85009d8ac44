package io.nubo.identity.bootstrap;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nubo.identity.bootstrap.*}: what the first start creates.
 *
 * @param adminPassword the admin user's password; when unset one is generated and written to the data directory
 * @param publicUrl     the gateway's public URL, from which the catalog's endpoints are made
 * @param bcryptCost    bcrypt cost for password hashes
 * @param region        the region of the bootstrapped endpoints
 * @param serviceUsers  the cloud's own service users (DevStack's nova, glance, cinder, neutron), each made with
 *                      role {@code service} on project {@code service}, so that a service calls another as itself
 *                      and never as admin
 * @param servicePasswords a service user's password by name; when unset one is generated and written to
 *                      {@code <data-dir>/service-passwords/<name>}
 */
@ConfigurationProperties("nubo.identity.bootstrap")
public record BootstrapProperties(String adminPassword,
                                  @DefaultValue("http://127.0.0.1:8780") String publicUrl,
                                  @DefaultValue("10") int bcryptCost,
                                  @DefaultValue("RegionOne") String region,
                                  @DefaultValue({"nova", "glance", "cinder", "neutron"}) List<String> serviceUsers,
                                  Map<String, String> servicePasswords) {

    public BootstrapProperties {
        if (bcryptCost < 4 || bcryptCost > 31) {
            throw new IllegalStateException("nubo.identity.bootstrap.bcrypt-cost must be between 4 and 31");
        }
        servicePasswords = servicePasswords == null ? Map.of() : Map.copyOf(servicePasswords);
        serviceUsers = List.copyOf(serviceUsers);
        while (publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
    }
}
