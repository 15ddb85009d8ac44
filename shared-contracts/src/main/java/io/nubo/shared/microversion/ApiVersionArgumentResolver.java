package io.nubo.shared.microversion;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives a handler the request's negotiated {@link ApiVersion} as an argument (the minimum outside the API). */
final class ApiVersionArgumentResolver implements HandlerMethodArgumentResolver {

    private final MicroversionSpec spec;

    ApiVersionArgumentResolver(MicroversionSpec spec) {
        this.spec = spec;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ApiVersion.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        ApiVersion v = MicroversionFilter.requested(request.getNativeRequest(HttpServletRequest.class));
        return v == null ? spec.min() : v;
    }
}
