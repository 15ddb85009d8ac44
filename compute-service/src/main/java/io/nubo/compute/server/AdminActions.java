package io.nubo.compute.server;

import io.nubo.compute.server.state.VmState;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Nova's os-admin-actions at 2.1 that need no agent: {@code os-resetState}. */
@Service
class AdminActions {

    private final ServerService servers;
    private final InstanceStore instances;
    private final Access access;
    private final Clock clock;

    AdminActions(ServerService servers, InstanceStore instances, Access access, Clock clock) {
        this.servers = servers;
        this.instances = instances;
        this.access = access;
        this.clock = clock;
    }

    /** Sets vm_state to {@code active} or {@code error} and clears the task, whatever the server was doing. */
    @Transactional
    void resetState(Caller caller, String id, String state) {
        access.check(ComputePolicy.SERVER_RESET_STATE, caller);
        Instance i = servers.get(caller, id);
        instances.resetState(i.id(), "error".equals(state) ? VmState.ERROR : VmState.ACTIVE, clock.instant());
    }
}
