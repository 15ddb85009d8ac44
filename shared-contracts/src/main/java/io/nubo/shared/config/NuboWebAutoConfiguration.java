package io.nubo.shared.config;

import io.nubo.shared.web.ErrorBodyStyle;
import io.nubo.shared.web.ErrorResponseWriter;
import io.nubo.shared.web.OpenStackErrorController;
import io.nubo.shared.web.OpenStackExceptionHandler;
import io.nubo.shared.web.RequestIdFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** The web layer every service shares: request ids, OpenStack error bodies, the error page. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(NuboServiceProperties.class)
public class NuboWebAutoConfiguration {

    @Bean
    ErrorResponseWriter errorResponseWriter(NuboServiceProperties service) {
        return new ErrorResponseWriter(ErrorBodyStyle.named(service.errorStyle()));
    }

    @Bean
    OpenStackExceptionHandler openStackExceptionHandler(ErrorResponseWriter writer) {
        return new OpenStackExceptionHandler(writer);
    }

    @Bean
    OpenStackErrorController openStackErrorController(ErrorResponseWriter writer) {
        return new OpenStackErrorController(writer);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter(NuboServiceProperties service) {
        FilterRegistrationBean<RequestIdFilter> r = new FilterRegistrationBean<>(
                new RequestIdFilter(service.computeRequestHeader()));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return r;
    }
}
