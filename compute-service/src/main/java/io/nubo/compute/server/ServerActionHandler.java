package io.nubo.compute.server;

import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.RequestBody;

/**
 * An action of {@code POST /v2.1/servers/{id}/action} that another feature serves (os-migrateLive: migration), so
 * that feature depends on this one and not the other way round. The body has been checked against the action's
 * JSON schema; a handler answers 202 with no body unless it throws Nova's error.
 */
public interface ServerActionHandler {

    /** The action's name in the body ({@code os-migrateLive}). */
    String action();

    /** {@code body} is the whole request body ({@code {"os-migrateLive": {...}}}). */
    void handle(Caller caller, String serverId, RequestBody body);
}
