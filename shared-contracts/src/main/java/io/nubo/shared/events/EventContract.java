package io.nubo.shared.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The wire identity of an event record: its type name, schema version and topic.
 * Changes within a major version are additive only; the major version is part of the topic name.
 * {@code EventContractFingerprintTest} fails when a record changes without a version bump.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventContract {

    /** Stable wire name, e.g. {@code identity.token.revoked}. */
    String type();

    /** Schema version, {@code major.minor}. */
    String version();

    /** The topic the event is published on; see {@link Topics}. */
    String topic();
}
