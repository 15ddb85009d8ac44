package io.nubo.gateway;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The self-service portal (module {@code portal}, classpath {@code nubo-portal/}) at {@code /dashboard/}: a
 * single-page app that calls the same public routes with the user's token, so it adds nothing to secure here.
 * {@code index.html} is never cached (a new build is seen at once); files under {@code assets/} carry a content
 * hash in their names and are cached for a year. A {@code .gz} beside a file (made by the portal's build) is sent
 * to clients that accept gzip. {@code GET /} stays the JSON list of services, except for a browser (one asking for
 * HTML before JSON), which is sent to the portal.
 */
@Configuration(proxyBeanMethods = false)
public class PortalRoutes {

    static final String BASE = "/dashboard/";
    private static final String ROOT = "nubo-portal/";
    /** one file name under assets/: no slash, no "..", nothing a class path lookup could misread */
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}");

    @Bean
    @Order(2)
    RouterFunction<ServerResponse> portal() {
        return RouterFunctions.route()
                .GET("/dashboard", request -> redirect())
                .GET(BASE, PortalRoutes::index)
                .GET(BASE + "index.html", PortalRoutes::index)
                .GET(BASE + "assets/{file}", request -> asset(request, request.pathVariable("file")))
                .build();
    }

    /**
     * A browser's GET / goes to the portal: one that names text/html itself and ranks it above JSON (a browser's
     * navigation sends {@code text/html,...,*}{@code /*;q=0.8}); curl's {@code *}{@code /*}, the CLIs'
     * application/json and no Accept at all get the JSON index as before.
     */
    static boolean browser(ServerRequest request) {
        double html = 0;
        double json = 0;
        for (MediaType m : request.headers().accept()) {
            if (m.equalsTypeAndSubtype(MediaType.TEXT_HTML)) {
                html = Math.max(html, m.getQualityValue());
            } else if (m.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, m.getQualityValue());
            }
        }
        return html > 0 && html > json;
    }

    static ServerResponse redirect() {
        return ServerResponse.status(HttpStatus.FOUND).location(URI.create(BASE)).build();
    }

    private static ServerResponse index(ServerRequest request) throws IOException {
        return serve(request, "index.html", CacheControl.noCache());
    }

    private static ServerResponse asset(ServerRequest request, String file) throws IOException {
        if (!ASSET.matcher(file).matches() || file.endsWith(".gz")) {
            return notFound();
        }
        return serve(request, "assets/" + file, CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    private static ServerResponse serve(ServerRequest request, String path, CacheControl cache) throws IOException {
        Resource plain = new ClassPathResource(ROOT + path);
        if (!plain.isReadable()) {
            return notFound();
        }
        MediaType type = MediaTypeFactory.getMediaType(path).orElse(MediaType.APPLICATION_OCTET_STREAM);
        if (type.getType().equals("text") || type.getSubtype().equals("javascript")) {
            type = new MediaType(type, java.nio.charset.StandardCharsets.UTF_8);
        }
        Resource gzipped = new ClassPathResource(ROOT + path + ".gz");
        boolean gzip = gzipped.isReadable() && acceptsGzip(request);
        ServerResponse.BodyBuilder b = ServerResponse.ok().contentType(type).cacheControl(cache)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .header("X-Content-Type-Options", "nosniff");
        if (path.equals("index.html")) {
            // the app talks to this origin only; nothing is loaded from anywhere else
            b.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; "
                    + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
        }
        if (gzip) {
            b.header(HttpHeaders.CONTENT_ENCODING, "gzip");
            return b.contentLength(gzipped.contentLength()).body(gzipped);
        }
        return b.contentLength(plain.contentLength()).body(plain);
    }

    static boolean acceptsGzip(ServerRequest request) {
        for (String v : request.headers().header(HttpHeaders.ACCEPT_ENCODING)) {
            for (String part : v.split(",")) {
                String[] p = part.trim().split(";");
                if (p[0].trim().equalsIgnoreCase("gzip")
                        && !(p.length > 1 && p[1].replace(" ", "").equalsIgnoreCase("q=0"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ServerResponse notFound() {
        return GatewayErrors.of(HttpStatus.NOT_FOUND, "The resource could not be found.");
    }
}
