package io.nubo.shared.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JSON schema a handler's request body must satisfy before the handler runs (as Nova's
 * {@code @validation.schema} and Keystone's {@code schema.py}). {@code value} names a resource under
 * {@code classpath:schemas/}, e.g. {@code "identity/project-create.json"}. A handler that serves several
 * microversions carries one annotation per range ({@code since}/{@code until} inclusive, empty = open).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ValidatedBody.List.class)
public @interface ValidatedBody {

    /** Schema resource under {@code classpath:schemas/}. */
    String value();

    /** First microversion this schema applies to (inclusive); empty for "from the start". */
    String since() default "";

    /** Last microversion this schema applies to (inclusive); empty for "to the latest". */
    String until() default "";

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        ValidatedBody[] value();
    }
}
