package io.nubo.shared.microversion;

import java.lang.reflect.Method;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.servlet.mvc.condition.RequestCondition;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Spring MVC's handler mapping, plus each handler's {@link Microversions} range as a matching condition. */
public class MicroversionHandlerMapping extends RequestMappingHandlerMapping {

    @Override
    protected RequestCondition<?> getCustomTypeCondition(Class<?> handlerType) {
        return MicroversionRequestCondition.of(AnnotatedElementUtils.findMergedAnnotation(handlerType,
                Microversions.class));
    }

    @Override
    protected RequestCondition<?> getCustomMethodCondition(Method method) {
        return MicroversionRequestCondition.of(AnnotatedElementUtils.findMergedAnnotation(method,
                Microversions.class));
    }
}
