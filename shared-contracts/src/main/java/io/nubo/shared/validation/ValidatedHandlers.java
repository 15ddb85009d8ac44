package io.nubo.shared.validation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every handler of a service with what it validates: read at startup (to load every schema once, so a missing
 * one stops the service) and by tests (the schema fuzz test, the column-size test, the coverage check).
 */
public final class ValidatedHandlers {

    /** One handler: its HTTP methods and path patterns, its body schemas (one per microversion range) and query schema. */
    public record Handler(Set<RequestMethod> methods, Set<String> paths, Set<MediaType> consumes, Method method,
                          List<ValidatedBody> bodies, ValidatedQuery query, boolean takesBody) {

        /** A handler that binds a JSON request body but declares no schema for it. */
        public boolean unvalidatedBody() {
            return takesBody && bodies.isEmpty();
        }
    }

    private ValidatedHandlers() {
    }

    public static List<Handler> of(ApplicationContext context) {
        List<Handler> out = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class)
                .values()) {
            mapping.getHandlerMethods().forEach((info, hm) -> out.add(handler(info, hm)));
        }
        return out;
    }

    private static Handler handler(RequestMappingInfo info, HandlerMethod hm) {
        Method m = hm.getMethod();
        boolean takesBody = Stream.of(hm.getMethodParameters())
                .anyMatch(p -> MergedAnnotations.from(p.getParameterAnnotations()).isPresent(RequestBody.class));
        return new Handler(info.getMethodsCondition().getMethods(), info.getPatternValues(),
                info.getConsumesCondition().getConsumableMediaTypes(), m,
                List.copyOf(AnnotatedElementUtils.findMergedRepeatableAnnotations(m, ValidatedBody.class)),
                m.getAnnotation(ValidatedQuery.class), takesBody);
    }

    /** Every schema resource the handlers name. */
    public static List<String> schemaNames(List<Handler> handlers) {
        return handlers.stream().flatMap(h -> Stream.concat(h.bodies().stream().map(ValidatedBody::value),
                h.query() == null ? Stream.empty() : Stream.of(h.query().value()))).distinct().sorted().toList();
    }
}
