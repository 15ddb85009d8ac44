package io.nubo.shared.validation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
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
        if (handler instanceof HandlerMethod m) {
            ValidatedQuery rule = m.getMethodAnnotation(ValidatedQuery.class);
            if (rule != null) {
                schemas.validate(rule.value(), asObject(request.getParameterMap()));
            }
        }
        return true;
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
