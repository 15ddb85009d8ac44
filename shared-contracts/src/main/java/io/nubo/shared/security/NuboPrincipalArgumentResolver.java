package io.nubo.shared.security;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a handler its caller: a {@link NuboPrincipal} parameter receives the one built when the request's token was
 * verified (null on a public path called without a token). No handler rebuilds the caller from the security
 * context.
 */
public final class NuboPrincipalArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(NuboPrincipal.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        return current();
    }

    /** The caller of the request this thread serves, or null when it is anonymous. */
    public static NuboPrincipal current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a instanceof NuboAuthentication n ? n.caller() : null;
    }
}
