package io.nubo.compute.web;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.security.NuboAuthentication;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves the request's {@link Caller} for the handler that asks for it: the principal the shared security layer
 * built once for the token, and the token, which the compute API forwards to the image service for the caller.
 */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (!(a instanceof NuboAuthentication n)) {
            throw ComputeError.FORBIDDEN.exception("You are not authorized to perform the requested action.");
        }
        return new Caller(n.caller(), n.getToken().getTokenValue());
    }
}
