package io.nubo.shared.config;

import io.nubo.shared.policy.PolicyEnforcer;
import io.nubo.shared.policy.PolicyInterceptor;
import io.nubo.shared.policy.PolicyTable;
import io.nubo.shared.security.NuboPrincipalArgumentResolver;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every handler may take the caller as a {@link io.nubo.shared.security.NuboPrincipal} argument; a service that
 * declares a {@link PolicyTable} bean gets its {@link PolicyEnforcer} and the interceptor that enforces
 * {@link io.nubo.shared.policy.Policy} annotations.
 */
@AutoConfiguration(after = NuboSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class NuboPolicyAutoConfiguration {

    /** Before the other interceptors (request validation runs at the default order, 0). */
    static final int POLICY_ORDER = -100;

    @Bean
    @ConditionalOnBean(PolicyTable.class)
    PolicyEnforcer policyEnforcer(PolicyTable table) {
        return new PolicyEnforcer(table);
    }

    @Bean
    WebMvcConfigurer nuboPrincipalAndPolicy(ObjectProvider<PolicyEnforcer> enforcer) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new NuboPrincipalArgumentResolver());
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                // who may act is decided before what was sent is checked, as Keystone enforces before it validates
                enforcer.ifAvailable(e -> registry.addInterceptor(new PolicyInterceptor(e)).order(POLICY_ORDER));
            }
        };
    }
}
