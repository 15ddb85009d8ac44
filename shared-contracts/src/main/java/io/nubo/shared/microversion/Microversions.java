package io.nubo.shared.microversion;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The microversions a handler method (or every handler of a controller) serves, both ends inclusive; an empty
 * {@code max} means "up to the newest". Two handlers may map the same path and method with disjoint ranges; a
 * request whose version no handler serves gets the service's 404, as Nova answers an API a microversion removed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Microversions {

    String min();

    String max() default "";
}
