package io.nubo.shared.config;

import io.nubo.shared.validation.QueryValidationInterceptor;
import io.nubo.shared.validation.RequestSchemas;
import io.nubo.shared.validation.RequestedMicroversion;
import io.nubo.shared.validation.SchemaValidationAdvice;
import io.nubo.shared.validation.ValidatedHandlers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request validation as data: {@code @ValidatedBody}/{@code @ValidatedQuery} schemas checked before any handler
 * runs, every schema loaded when the context is ready (a missing or broken one stops the service).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class NuboValidationAutoConfiguration implements WebMvcConfigurer {

    private final RequestSchemas schemas = new RequestSchemas();

    @Bean
    RequestSchemas requestSchemas() {
        return schemas;
    }

    @Bean
    SchemaValidationAdvice schemaValidationAdvice(ObjectProvider<RequestedMicroversion> microversion,
                                                  @Value("${nubo.validation.max-body-bytes:1048576}") int maxBodyBytes) {
        return new SchemaValidationAdvice(schemas, microversion.getIfAvailable(() -> RequestedMicroversion.FROM_HEADER),
                maxBodyBytes);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new QueryValidationInterceptor(schemas));
    }

    @Bean
    ApplicationListener<ContextRefreshedEvent> requestSchemasPreload() {
        return event -> {
            ApplicationContext context = event.getApplicationContext();
            schemas.preload(ValidatedHandlers.schemaNames(ValidatedHandlers.of(context)));
        };
    }
}
