package io.nubo.objectstore.swift;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Swift answer as a feature returns it; the web edge writes it to the servlet. The body, when there is one, is
 * written by {@link Body} only then, so object bytes stream from the blob store to the client without being held.
 *
 * @param status        the HTTP status
 * @param headers       the headers, in the order set
 * @param contentType   the Content-Type, or null for none
 * @param contentLength the Content-Length, or -1 for none
 * @param body          what writes the body, or null for none
 */
public record SwiftResponse(int status, Map<String, String> headers, String contentType, long contentLength,
                            Body body) {

    public SwiftResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Writes a response body once the status and headers are out. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A response with no body, as Swift sends them: a content type and a zero length. */
    public static SwiftResponse empty(int status) {
        return builder().empty(status).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects a response as a handler works it out; a header set twice keeps the last value. */
    public static final class Builder {
        private int status = 200;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String contentType;
        private long contentLength = -1;
        private Body body;

        private Builder() {
        }

        public Builder status(int status) {
            this.status = status;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Stored metadata as headers: {@code x-container-meta-web-index} as {@code X-Container-Meta-Web-Index}. */
        public Builder metadata(Map<String, String> metadata) {
            metadata.forEach((k, v) -> headers.put(SwiftHeaders.titleCase(k), v));
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Builder contentLength(long contentLength) {
            this.contentLength = contentLength;
            return this;
        }

        /** No body: the status, Swift's text/html content type and a zero length. */
        public Builder empty(int status) {
            return status(status).contentType("text/html; charset=UTF-8").contentLength(0);
        }

        /** A body of these bytes, with their length. */
        public Builder body(byte[] bytes) {
            this.contentLength = bytes.length;
            this.body = out -> out.write(bytes);
            return this;
        }

        /** A text body in UTF-8. */
        public Builder body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /** A body written later by {@code body}; the length is set separately. */
        public Builder streamed(Body body) {
            this.body = body;
            return this;
        }

        /**
         * The headers set so far, for an error raised after them: the servlet kept what a handler had set when it
         * threw (a 412 after the object's headers), so the error answer keeps them too.
         */
        public Map<String, String> headersSoFar() {
            return Collections.unmodifiableMap(headers);
        }

        public SwiftResponse build() {
            return new SwiftResponse(status, headers, contentType, contentLength, body);
        }
    }
}
