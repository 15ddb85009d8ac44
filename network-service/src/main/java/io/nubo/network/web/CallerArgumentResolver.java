package io.nubo.network.web;

import io.nubo.network.common.Caller;
import io.nubo.network.error.NetworkError;
import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.security.NuboPrincipalArgumentResolver;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves the verified token's caller once per request and hands it to controllers as a {@link Caller}. */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Caller.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        NuboPrincipal p = NuboPrincipalArgumentResolver.current();
        if (p == null) {
            throw NetworkError.POLICY.exception("authenticated");
        }
        return new Caller(p.projectId(), p.userId(), p.isAdmin(), p.hasRole("service"));
    }
}
