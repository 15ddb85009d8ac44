package io.nubo.shared.policy;

import io.nubo.shared.security.NuboPrincipalArgumentResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/** Enforces a handler's {@link Policy} before it runs, with the path variables as the target. */
public final class PolicyInterceptor implements HandlerInterceptor {

    private final PolicyEnforcer enforcer;

    public PolicyInterceptor(PolicyEnforcer enforcer) {
        this.enforcer = enforcer;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            Policy policy = method.getMethodAnnotation(Policy.class);
            if (policy != null) {
                @SuppressWarnings("unchecked")
                Map<String, String> vars = (Map<String, String>) request.getAttribute(
                        HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
                enforcer.enforce(policy.value(), NuboPrincipalArgumentResolver.current(),
                        vars == null ? Map.of() : vars);
            }
        }
        return true;
    }
}
