package io.nubo.shared.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JSON schema a handler's query string must satisfy before the handler runs (Nova's
 * {@code @validation.query_schema}). The query is checked as an object: each parameter given once is a
 * string, a parameter given several times is an array of strings; so schemas constrain values with
 * {@code pattern}, {@code enum} and {@code maxLength}, and {@code additionalProperties} for unknown parameters.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ValidatedQuery {

    /** Schema resource under {@code classpath:schemas/}. */
    String value();
}
