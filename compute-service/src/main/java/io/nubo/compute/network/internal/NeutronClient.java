package io.nubo.compute.network.internal;

import io.nubo.compute.error.ComputeError;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Neutron v2.0 over HTTP, with the token each call names: the user's (what the user may see and create is the
 * network service's to decide) or compute's service user's (binding, unbinding, deleting compute's ports).
 */
public final class NeutronClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** An answer: its status and body (null when empty). */
    public record Reply(int status, JsonNode body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Neutron's {@code NeutronError.message}, or the status. */
        public String message() {
            String m = body == null ? "" : body.path("NeutronError").path("message").asString("");
            return m.isEmpty() ? "HTTP " + status : m;
        }

        /** The body of a successful answer; Nova's 403 for a refusal, else 400 naming what could not be done. */
        public JsonNode require(String what) {
            if (status == 403) {
                throw ComputeError.FORBIDDEN.exception(message());
            }
            if (!ok()) {
                throw ComputeError.BAD_REQUEST.exception("The network service could not " + what + ": " + message());
            }
            return body == null ? tools.jackson.databind.node.MissingNode.getInstance() : body;
        }

        public String type() {
            return body == null ? "" : body.path("NeutronError").path("type").asString("");
        }
    }

    private final RestClient http;
    private final Supplier<String> serviceToken;

    public NeutronClient(String baseUrl, Supplier<String> serviceToken) {
        this.http = RestClient.builder().baseUrl(baseUrl.replaceAll("/+$", "")).build();
        this.serviceToken = serviceToken;
    }

    public Reply asUser(String token, HttpMethod method, String path, Object body) {
        return call(token, method, path, body);
    }

    public Reply asService(HttpMethod method, String path, Object body) {
        return call(serviceToken.get(), method, path, body);
    }

    private Reply call(String token, HttpMethod method, String path, Object body) {
        try {
            RestClient.RequestBodySpec spec = http.method(method).uri(path).header("X-Auth-Token", token)
                    .accept(MediaType.APPLICATION_JSON);
            if (body != null) {
                spec = spec.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
            }
            return spec.exchange((rq, rs) -> {
                byte[] bytes = rs.getBody().readAllBytes();
                return new Reply(rs.getStatusCode().value(), bytes.length == 0 ? null : parse(bytes));
            });
        } catch (RestClientException e) {
            throw ComputeError.UNAVAILABLE.exception("The network service could not be reached; try again.");
        }
    }

    private static JsonNode parse(byte[] bytes) throws IOException {
        try {
            return JSON.readTree(bytes);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
