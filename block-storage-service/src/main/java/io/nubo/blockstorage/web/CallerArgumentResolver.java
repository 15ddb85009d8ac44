package io.nubo.blockstorage.web;

import io.nubo.shared.security.NuboPrincipal;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Resolves the {@link Caller} once per request from the verified token, for every controller method that takes one. */
@Component
public class CallerArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        NuboPrincipal p = NuboPrincipal.current();
        if (p == null) {
            throw VolumeError.FORBIDDEN.exception("an anonymous caller");
        }
        Caller c = Caller.of(p);
        if (c.projectId() == null) {
            // Cinder's API is project scoped: a domain- or system-scoped token has no project to act in
            throw VolumeError.FORBIDDEN.exception("a token without a project scope");
        }
        return c;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
