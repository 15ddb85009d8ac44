package io.nubo.shared.validation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.nubo.shared.web.OpenStackException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Checks the query string of a handler that carries {@link ValidatedQuery} before the handler runs. */
public class QueryValidationInterceptor implements HandlerInterceptor {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RequestSchemas schemas;

    public QueryValidationInterceptor(RequestSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        refuseInvalidUtf8(request.getQueryString());
        if (handler instanceof HandlerMethod m) {
            ValidatedQuery rule = m.getMethodAnnotation(ValidatedQuery.class);
            if (rule != null) {
                schemas.validate(rule.value(), asObject(request.getParameterMap()));
            }
        }
        return true;
    }

    /**
     * Every query string, validated handler or not: percent-escapes must decode to UTF-8, else the servlet
     * container's parameter parsing fails later as a 500.
     */
    static void refuseInvalidUtf8(String rawQuery) {
        if (rawQuery == null || rawQuery.indexOf('%') < 0) {
            return;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(rawQuery.length());
        for (int i = 0; i < rawQuery.length(); i++) {
            char c = rawQuery.charAt(i);
            if (c == '%' && i + 2 < rawQuery.length() && Character.digit(rawQuery.charAt(i + 1), 16) >= 0
                    && Character.digit(rawQuery.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(rawQuery.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '%') {
                throw new OpenStackException(HttpStatus.BAD_REQUEST, "HTTPBadRequest",
                        "The query string has a malformed percent-escape.");
            } else {
                bytes.write(c < 0x80 ? c : '?');
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
        } catch (CharacterCodingException e) {
            throw new OpenStackException(HttpStatus.BAD_REQUEST, "HTTPBadRequest", "The query string is not valid UTF-8.");
        }
    }

    /** A parameter given once becomes a string, one given several times an array of strings. */
    public static ObjectNode asObject(Map<String, String[]> parameters) {
        ObjectNode query = JSON.createObjectNode();
        parameters.forEach((name, values) -> {
            if (values.length == 1) {
                query.put(name, values[0]);
            } else {
                ArrayNode a = query.putArray(name);
                List.of(values).forEach(a::add);
            }
        });
        SchemaValidationAdvice.refuseNul(query, "");
        return query;
    }
}
