package io.nubo.computeagent.host;

import io.nubo.computeagent.design.HostProfile;
import java.time.Instant;

/** What the agent learnt about its host at start: the virtualisation type the probe chose, and when it started. */
public final class HostState {

    private volatile HostProfile profile;
    private volatile Instant startedAt;

    public HostProfile profile() {
        HostProfile p = profile;
        if (p == null) {
            throw new IllegalStateException("the agent has not finished starting (libvirtd not reached yet)");
        }
        return p;
    }

    public boolean ready() {
        return profile != null;
    }

    void ready(HostProfile profile, Instant startedAt) {
        this.startedAt = startedAt;
        this.profile = profile;
    }

    public Instant startedAt() {
        return startedAt;
    }
}
