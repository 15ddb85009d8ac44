package io.nubo.blockstorage.request;

import io.nubo.blockstorage.error.VolumeError;
import io.nubo.shared.policy.PolicyEnforcer;
import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.security.NuboPrincipalArgumentResolver;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Hands every controller method that takes one the {@link Caller}: the shared caller of the request, project scoped. */
@Component
public class CallerArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final PolicyEnforcer enforcer;

    public CallerArgumentResolver(PolicyEnforcer enforcer) {
        this.enforcer = enforcer;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        NuboPrincipal p = NuboPrincipalArgumentResolver.current();
        if (p == null) {
            throw VolumeError.FORBIDDEN.exception("an anonymous caller");
        }
        if (p.projectId() == null) {
            // Cinder's API is project scoped: a domain- or system-scoped token has no project to act in
            throw VolumeError.FORBIDDEN.exception("a token without a project scope");
        }
        return new Caller(p, enforcer);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
