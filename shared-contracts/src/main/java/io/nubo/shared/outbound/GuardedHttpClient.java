package io.nubo.shared.outbound;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client for URLs a user gave: every URL passes {@link OutboundUrlGuard#check}, the client resolves names
 * only through {@link OutboundUrlGuard#resolve} (so it connects only to addresses that were checked, whatever DNS
 * answers), uses no proxy, and follows redirects itself, checking each new URL again.
 */
public final class GuardedHttpClient implements Closeable {

    /** A response whose body must be closed. */
    public record Response(int status, Map<String, String> headers, InputStream body, URI finalUrl)
            implements Closeable {
        public OptionalLong contentLength() {
            String v = headers.get("content-length");
            try {
                return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }

        @Override
        public void close() throws IOException {
            if (body != null) {
                body.close();
            }
        }
    }

    private final OutboundUrlGuard guard;
    private final CloseableHttpClient http;

    public GuardedHttpClient(OutboundUrlGuard guard, Timeout connectTimeout, Timeout readTimeout) {
        this.guard = guard;
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return guard.resolve(host);
            }

            @Override
            public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
                List<InetSocketAddress> out = new ArrayList<>();
                for (InetAddress a : guard.resolve(host)) {
                    out.add(new InetSocketAddress(a, port));
                }
                return out;
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connectTimeout)
                                .setSocketTimeout(readTimeout).build()).build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .disableAuthCaching().build();
    }

    public OutboundUrlGuard guard() {
        return guard;
    }

    /**
     * Sends {@code method} to {@code url}, following at most {@code maxRedirects} redirects (each target checked
     * again before it is requested); a redirect beyond that is returned as it is.
     */
    public Response send(String method, String url, Map<String, String> headers, int maxRedirects)
            throws IOException {
        URI target = guard.check(url);
        for (int hop = 0; ; hop++) {
            HttpUriRequestBase request = new HttpUriRequestBase(method, target);
            headers.forEach(request::addHeader);
            ClassicHttpResponse r;
            try {
                r = http.executeOpen(null, request, null);
            } catch (OutboundUrlGuard.RefusedHost e) {
                throw new OutboundUrlRefused(e.getMessage());
            }
            Map<String, String> h = new java.util.LinkedHashMap<>();
            for (Header each : r.getHeaders()) {
                h.putIfAbsent(each.getName().toLowerCase(java.util.Locale.ROOT), each.getValue());
            }
            int status = r.getCode();
            String location = h.get("location");
            if (hop < maxRedirects && location != null && (status == 301 || status == 302 || status == 303
                    || status == 307 || status == 308)) {
                r.close();
                target = guard.check(target.resolve(location).toString());
                continue;
            }
            InputStream body = r.getEntity() == null ? InputStream.nullInputStream() : r.getEntity().getContent();
            InputStream closing = new java.io.FilterInputStream(body) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        r.close();
                    }
                }
            };
            return new Response(status, h, closing, target);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
