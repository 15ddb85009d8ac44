package io.nubo.compute.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Nova's legacy {@code /v2} API: the v2.1 code without microversions ({@code nova/api/openstack/compute}'s
 * {@code APIRouterV21} mounted at {@code /v2} in legacy mode). {@code /v2/...} is served as {@code /v2.1/...} with the
 * microversion headers dropped, so every request there is 2.1; {@code /v2} and {@code /v2/} answer the v2.0 version
 * document ({@code VersionController}).
 */
@Configuration(proxyBeanMethods = false)
class LegacyV2Api {

    private static final Set<String> VERSION_HEADERS = Set.of("openstack-api-version",
            "x-openstack-nova-api-version");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> legacyV2Filter() {
        FilterRegistrationBean<OncePerRequestFilter> r = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return !path.startsWith("/v2/") || path.equals("/v2/");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                chain.doFilter(new AsV21(request), response);
            }
        });
        // after the request id, before the microversion, token and routing that read the path
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return r;
    }

    /** The request as {@code /v2.1/...}, without any microversion header. */
    private static final class AsV21 extends HttpServletRequestWrapper {

        private final String uri;

        AsV21(HttpServletRequest request) {
            super(request);
            String context = request.getContextPath();
            this.uri = context + "/v2.1/" + request.getRequestURI().substring(context.length() + "/v2/".length());
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(super.getRequestURL());
            int at = url.indexOf(super.getRequestURI());
            return at < 0 ? url : url.replace(at, url.length(), uri);
        }

        @Override
        public String getServletPath() {
            return uri.substring(getContextPath().length());
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return dropped(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return dropped(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !dropped(n)).toList());
        }

        private static boolean dropped(String name) {
            return VERSION_HEADERS.contains(name.toLowerCase(Locale.ROOT));
        }
    }
}
