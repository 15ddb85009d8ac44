package io.nubo.gateway;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.OutputStreamRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.AbstractStreamingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The proxy's client: Jetty's HttpClient, which streams a large body about 1.5x faster than the JDK's, driven so
 * that it forwards what it is given. Spring's own Jetty request parses the Content-Type (an unparseable one such as
 * {@code x} failed the request, a 503) and writes in 1 KiB pieces; this one copies every header as text and writes
 * 64 KiB at a time. Jetty's client-side behaviour is off: no redirects followed, no cookies kept between callers,
 * no gzip decoded, no 401/407 handling, no User-Agent and no default Content-Type added. Like the JDK client it had
 * replaced, it waits for a slow service without a timeout.
 */
final class JettyProxyRequestFactory implements ClientHttpRequestFactory, DisposableBean {

    /** Jetty sets these itself (Host from the URI, framing from Content-Length); the JDK client refused them. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "expect", "transfer-encoding",
            "upgrade");

    private static final int WRITE_BUFFER = 64 * 1024;

    private final HttpClient client;

    JettyProxyRequestFactory() {
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("gateway-proxy");
        threads.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(threads);
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        client.setDefaultRequestContentType(null);
        client.setIdleTimeout(TimeUnit.SECONDS.toMillis(30));  // pooled connections; a request has none
        // Jetty's 8 KiB failed a request whose headers Tomcat had taken (8 KiB) once the gateway added its own
        client.setMaxRequestHeadersSize(64 * 1024);
        client.setMaxResponseHeadersSize(64 * 1024);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the gateway's HTTP client", e);
        }
        // start() installs these
        client.getProtocolHandlers().clear();
        client.getContentDecoderFactories().clear();
    }

    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod method) {
        return new ProxyRequest(client.newRequest(uri).method(method.name()).idleTimeout(0, TimeUnit.MILLISECONDS));
    }

    @Override
    public void destroy() throws Exception {
        client.stop();
    }

    static boolean forwarded(String header) {
        return !NOT_FORWARDED.contains(header.toLowerCase(java.util.Locale.ROOT));
    }

    private static final class ProxyRequest extends AbstractStreamingClientHttpRequest {

        private final Request request;

        ProxyRequest(Request request) {
            this.request = request;
        }

        @Override
        public HttpMethod getMethod() {
            return HttpMethod.valueOf(request.getMethod());
        }

        @Override
        public URI getURI() {
            return request.getURI();
        }

        @Override
        protected ClientHttpResponse executeInternal(HttpHeaders headers, StreamingHttpOutputMessage.Body body)
                throws IOException {
            request.headers(fields -> headers.forEach((name, values) -> {
                if (forwarded(name)) {
                    values.forEach(v -> fields.add(name, v));
                }
            }));
            InputStreamResponseListener listener = new InputStreamResponseListener();
            try {
                if (body == null) {
                    request.send(listener);
                } else {
                    OutputStreamRequestContent content = new OutputStreamRequestContent(null);
                    request.body(content).send(listener);
                    OutputStream out = new BufferedOutputStream(content.getOutputStream(), WRITE_BUFFER);
                    try {
                        body.writeTo(org.springframework.util.StreamUtils.nonClosing(out));
                        out.close();
                    } catch (IOException | RuntimeException e) {
                        // the caller's upload broke off: the service must not see a shorter body end normally
                        request.abort(e);
                        throw e;
                    }
                }
                return new ProxyResponse(listener.get(Long.MAX_VALUE, TimeUnit.MILLISECONDS),
                        listener.getInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + request.getURI(), e);
            } catch (TimeoutException e) {
                throw new IOException(e);
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            }
        }

        private static IOException unwrap(Throwable cause) {
            if (cause instanceof UncheckedIOException u) {
                return u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            return cause instanceof IOException io ? io : new IOException(cause);
        }
    }

    private static final class ProxyResponse implements ClientHttpResponse {

        private final Response response;
        private final InputStream body;
        private final HttpHeaders headers = new VerbatimHeaders();

        ProxyResponse(Response response, InputStream body) {
            this.response = response;
            this.body = body;
            response.getHeaders().forEach(f -> headers.add(f.getName(), f.getValue()));
        }

        @Override
        public HttpStatusCode getStatusCode() {
            return HttpStatusCode.valueOf(response.getStatus());
        }

        @Override
        public String getStatusText() {
            return response.getReason() == null ? "" : response.getReason();
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public InputStream getBody() {
            return body;
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // the exchange is over either way
            }
        }
    }

    /**
     * A service's Content-Type passes as it is even when Spring cannot parse it (Swift keeps whatever type an
     * object was stored with): the gateway reads it only to decide whether to flush a streaming type, and such a
     * type is none.
     */
    static final class VerbatimHeaders extends HttpHeaders {

        @Override
        public MediaType getContentType() {
            try {
                return super.getContentType();
            } catch (InvalidMediaTypeException e) {
                return null;
            }
        }
    }
}
