package io.nubo.shared.validation;

import io.nubo.shared.web.OpenStackException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks every JSON request body before it is bound and before the handler runs: at most
 * {@code nubo.validation.max-body-bytes}, valid UTF-8, valid JSON, no NUL character anywhere (no OpenStack API
 * takes one, and PostgreSQL cannot store one), and, when the handler carries {@link ValidatedBody}, the schema
 * for the request's microversion. What passes reaches the message converter byte for byte.
 */
@ControllerAdvice
public class SchemaValidationAdvice extends RequestBodyAdviceAdapter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RequestSchemas schemas;
    private final RequestedMicroversion microversion;
    private final int maxBodyBytes;

    public SchemaValidationAdvice(RequestSchemas schemas, RequestedMicroversion microversion, int maxBodyBytes) {
        this.schemas = schemas;
        this.microversion = microversion;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        List<ValidatedBody> rules = List.copyOf(AnnotatedElementUtils.findMergedRepeatableAnnotations(
                parameter.getMethod(), ValidatedBody.class));
        if (rules.isEmpty() && !isJson(input.getHeaders().getContentType())) {
            return input;
        }
        byte[] bytes = readAtMost(input.getBody(), maxBodyBytes);
        JsonNode tree = parse(bytes);
        refuseNul(tree, "");
        if (!rules.isEmpty()) {
            schemas.validate(choose(rules).value(), tree);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    private ValidatedBody choose(List<ValidatedBody> rules) {
        ServletRequestAttributes attrs = (ServletRequestAttributes) RequestContextHolder.getRequestAttributes();
        Microversion v = attrs == null ? null : microversion.of(attrs.getRequest());
        if (v == null) {
            return rules.get(0);
        }
        return rules.stream().filter(r -> v.within(r.since(), r.until())).findFirst()
                .orElseThrow(() -> new OpenStackException(HttpStatus.BAD_REQUEST, "HTTPBadRequest",
                        "This request is not valid in microversion " + v + "."));
    }

    static boolean isJson(MediaType type) {
        return type == null || type.getSubtype().contains("json");
    }

    static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new OpenStackException(HttpStatus.CONTENT_TOO_LARGE, "HTTPRequestEntityTooLarge",
                    "Request is too large: the limit is " + max + " bytes.");
        }
        return bytes;
    }

    static JsonNode parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new OpenStackException(HttpStatus.BAD_REQUEST, "HTTPBadRequest",
                    "The request body is not valid UTF-8.");
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new OpenStackException(HttpStatus.BAD_REQUEST, "HTTPBadRequest",
                    "The request body is not valid JSON.");
        }
    }

    /** Refuses a NUL character in any string or member name, naming where it is. */
    static void refuseNul(JsonNode node, String path) {
        if (node.isString() && node.asString().indexOf('\0') >= 0) {
            throw new RequestValidationException(path.isEmpty() ? "<body>" : path, "NUL characters are not allowed");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseNul(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getKey().indexOf('\0') >= 0) {
                    throw new RequestValidationException(p, "NUL characters are not allowed");
                }
                refuseNul(e.getValue(), p);
            }
        }
    }
}
