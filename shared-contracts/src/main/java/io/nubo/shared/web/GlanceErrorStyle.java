package io.nubo.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Glance v2 answers errors with webob's HTML error page; glanceclient and openstacksdk show its text.
 * {@code <html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1>message<br /><br /></body></html>}
 */
public final class GlanceErrorStyle implements ErrorBodyStyle {

    @Override
    public RenderedError render(HttpStatus status, String type, String message) {
        String title = status.value() + " " + status.getReasonPhrase();
        String body = "<html>\n <head>\n  <title>" + title + "</title>\n </head>\n <body>\n  <h1>" + title + "</h1>\n  "
                + JsonText.html(message) + "<br /><br />\n\n\n\n </body>\n</html>";
        return new RenderedError(MediaType.TEXT_HTML, body);
    }
}
