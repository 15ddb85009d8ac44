package io.nubo.shared.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The policy action a handler method performs, e.g. {@code @Policy("identity:get_user")}. Before the handler runs,
 * {@link PolicyInterceptor} evaluates the action's rule of the service's {@link PolicyTable} with the caller and the
 * request's path variables (so {@code user_id:%(user_id)s} compares with {@code {user_id}} in the path).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Policy {

    /** The action's name in the table. */
    String value();
}
