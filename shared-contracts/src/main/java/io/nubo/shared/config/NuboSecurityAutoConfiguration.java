package io.nubo.shared.config;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.nubo.shared.events.EventCodec;
import io.nubo.shared.security.HeaderValueFirewall;
import io.nubo.shared.security.KeystoneTokenResolver;
import io.nubo.shared.security.KeystoneAuthenticationManagers;
import io.nubo.shared.security.OpenStackAccessDeniedHandler;
import io.nubo.shared.security.OpenStackAuthenticationEntryPoint;
import io.nubo.shared.security.RevocationFeed;
import io.nubo.shared.security.RevocationList;
import io.nubo.shared.security.ServiceTokenCheck;
import io.nubo.shared.security.VerifiedTokenCache;
import io.nubo.shared.security.TokenClaims;
import io.nubo.shared.security.TokenVerificationKeys;
import io.nubo.shared.web.ErrorResponseWriter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Token verification in every service: Spring Security's OAuth2 resource server reads {@code X-Auth-Token},
 * verifies the ES256 signature with identity's public keys (fetched once and cached, never per request),
 * checks expiry, issuer and the in-memory revocation list (an {@code X-Service-Token} of a service user may make an
 * expired user token acceptable: {@link ServiceTokenCheck}), and builds the caller ({@code NuboPrincipal}) once per
 * token; handlers receive it as an argument and authorize with the service's policy table.
 */
@AutoConfiguration(after = NuboEventsAutoConfiguration.class,
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({NuboSecurityProperties.class, NuboServiceProperties.class})
@EnableWebSecurity
public class NuboSecurityAutoConfiguration {

    @Bean
    RevocationList revocationList(NuboSecurityProperties props) {
        // a revoked token stays refused while it could still be presented with a service token
        return new RevocationList(props.maxTokenLifetime().plus(props.allowExpiredWindow()));
    }

    @Bean
    @ConditionalOnBean(ConsumerFactory.class)
    @ConditionalOnProperty(prefix = "nubo.security", name = "revocation-feed", matchIfMissing = true)
    RevocationFeed revocationFeed(ConsumerFactory<?, ?> consumers, RevocationList list, EventCodec codec) {
        return new RevocationFeed(consumers.getConfigurationProperties(), list, codec);
    }

    /**
     * Health contributor {@code revocations}, in the readiness group: an instance that has not yet read the
     * revocation topic to its end is out of service, so no load balancer sends it a token revoked meanwhile.
     */
    @Bean
    @ConditionalOnBean(RevocationFeed.class)
    HealthIndicator revocationsHealthIndicator(RevocationList list) {
        return () -> list.caughtUp() ? Health.up().withDetail("revocations", list.size()).build()
                : Health.outOfService().withDetail("reason", "still reading the revocation topic").build();
    }

    @Bean
    @ConditionalOnMissingBean
    VerifiedTokenCache nuboJwtDecoder(NuboSecurityProperties props, ObjectProvider<TokenVerificationKeys> localKeys,
                              RevocationList revocations) {
        NimbusJwtDecoder decoder;
        TokenVerificationKeys keys = localKeys.getIfAvailable();
        if (keys != null) {
            JWKSource<SecurityContext> source = (selector, context) -> selector.select(keys.publicKeys());
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, source));
            processor.setJWTClaimsSetVerifier((claims, context) -> { });
            decoder = new NimbusJwtDecoder(processor);
        } else {
            if (props.jwkSetUri() == null || props.jwkSetUri().isBlank()) {
                throw new IllegalStateException("nubo.security.jwk-set-uri is required: the URL of identity's "
                        + "/.well-known/jwks.json, e.g. http://127.0.0.1:8781/.well-known/jwks.json");
            }
            decoder = NimbusJwtDecoder.withJwkSetUri(props.jwkSetUri()).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        }
        // signature and issuer once per token; expiry (which a service token may relax) and revocation on every request
        decoder.setJwtValidator(new JwtIssuerValidator(TokenClaims.ISSUER));
        return new VerifiedTokenCache(decoder, revocations::isRevoked, 10_000);
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceTokenCheck serviceTokenCheck(VerifiedTokenCache tokens, NuboSecurityProperties props) {
        return new ServiceTokenCheck(tokens, java.util.Set.copyOf(props.serviceTokenRoles()),
                props.allowExpiredWindow());
    }

    /** Spring's strict firewall, its header values checked without a regular expression (same verdicts). */
    @Bean
    @ConditionalOnMissingBean
    HttpFirewall nuboHttpFirewall() {
        return HeaderValueFirewall.strict();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain nuboSecurityFilterChain(HttpSecurity http, NuboSecurityProperties props, ServiceTokenCheck tokens,
                                                ErrorResponseWriter writer) throws Exception {
        OpenStackAuthenticationEntryPoint entryPoint = new OpenStackAuthenticationEntryPoint(props.identityUri());
        OpenStackAccessDeniedHandler denied = new OpenStackAccessDeniedHandler(writer);
        List<RequestMatcher> open = publicMatchers(props.publicPaths());
        http.csrf(c -> c.disable())
                .cors(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .anonymous(a -> { })
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.cacheControl(c -> c.disable()))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(open.toArray(RequestMatcher[]::new)).permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(new KeystoneTokenResolver())
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied)
                        .authenticationManagerResolver(new KeystoneAuthenticationManagers(tokens)))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
        return http.build();
    }

    /** Each entry is a path pattern, optionally preceded by a method: {@code POST /v3/auth/tokens}. */
    static List<RequestMatcher> publicMatchers(List<String> paths) {
        List<RequestMatcher> matchers = new ArrayList<>();
        for (String entry : paths) {
            String[] parts = entry.trim().split("\\s+", 2);
            if (parts.length == 2) {
                matchers.add(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.valueOf(parts[0]), parts[1]));
            } else {
                matchers.add(PathPatternRequestMatcher.withDefaults().matcher(parts[0]));
            }
        }
        return matchers;
    }

}
