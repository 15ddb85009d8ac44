package io.nubo.shared.microversion;

import io.nubo.shared.web.ErrorResponseWriter;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Switches microversions on for a service that imports it and declares a {@link MicroversionSpec} bean: the
 * negotiating filter (after security, so a missing token is still a 401 first), the handler mapping that honours
 * {@link Microversions}, and the {@link ApiVersion} handler argument.
 */
@Configuration(proxyBeanMethods = false)
public class MicroversionConfiguration {

    @Bean
    FilterRegistrationBean<MicroversionFilter> microversionFilter(MicroversionSpec spec, ErrorResponseWriter errors) {
        FilterRegistrationBean<MicroversionFilter> r = new FilterRegistrationBean<>(new MicroversionFilter(spec,
                errors));
        r.setOrder(0);
        return r;
    }

    @Bean
    WebMvcRegistrations microversionHandlerMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new MicroversionHandlerMapping();
            }
        };
    }

    @Bean
    WebMvcConfigurer apiVersionArgument(MicroversionSpec spec) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new ApiVersionArgumentResolver(spec));
            }
        };
    }
}
