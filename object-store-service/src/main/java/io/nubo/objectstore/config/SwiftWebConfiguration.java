package io.nubo.objectstore.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Swift's wire needs what Spring Security's strict firewall refuses by default: the COPY method and object names
 * with encoded slashes, percent signs, semicolons, backslashes and repeated slashes (the service parses the raw path
 * itself and never maps it to files).
 */
@Configuration(proxyBeanMethods = false)
public class SwiftWebConfiguration {

    @Bean
    HttpFirewall swiftFirewall() {
        StrictHttpFirewall f = new StrictHttpFirewall();
        f.setUnsafeAllowAnyHttpMethod(true);
        f.setAllowUrlEncodedSlash(true);
        f.setAllowUrlEncodedDoubleSlash(true);
        f.setAllowUrlEncodedPercent(true);
        f.setAllowSemicolon(true);
        f.setAllowBackSlash(true);
        f.setAllowUrlEncodedPeriod(true);
        f.setAllowNull(false);
        return f;
    }
}
