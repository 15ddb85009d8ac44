package io.nubo.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Swift: a short HTML page, {@code <html><h1>Not Found</h1><p>The resource could not be found.</p></html>}. */
public final class SwiftErrorStyle implements ErrorBodyStyle {

    @Override
    public RenderedError render(HttpStatus status, String type, String message) {
        String body = "<html><h1>" + JsonText.html(status.getReasonPhrase()) + "</h1><p>" + JsonText.html(message)
                + "</p></html>";
        return new RenderedError(MediaType.TEXT_HTML, body);
    }
}
