package io.nubo.objectstore.config;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Swift's wire needs what Spring Security's strict firewall refuses by default: the COPY method and object names
 * with encoded slashes, percent signs, semicolons, backslashes and repeated slashes (the service parses the raw path
 * itself and never maps it to files), and object bodies want larger socket reads than Tomcat's default.
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

    /**
     * Tomcat reads a request body at most {@code socket.appReadBufSize} bytes (8 KiB) per socket read, so a 64 MiB
     * PUT was 8192 trips through its read path (and as many wake-ups when the socket runs dry); 64 KiB makes them
     * 1024. It costs 56 KiB more per open connection (its read buffer, and the request buffer sized after it); the
     * object store has few, mostly the gateway's pool.
     */
    @Bean
    TomcatConnectorCustomizer largerBodyReads() {
        return connector -> connector.setProperty("socket.appReadBufSize", "65536");
    }
}
