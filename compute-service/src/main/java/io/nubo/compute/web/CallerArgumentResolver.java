package io.nubo.compute.web;

import io.nubo.shared.security.NuboPrincipal;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves the request's {@link Caller} from the verified token, once, for the handler that asks for it. */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        NuboPrincipal p = NuboPrincipal.current();
        if (p == null) {
            throw ComputeError.FORBIDDEN.exception("You are not authorized to perform the requested action.");
        }
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        String token = a instanceof JwtAuthenticationToken t ? t.getToken().getTokenValue() : null;
        return Caller.of(p, token);
    }
}
