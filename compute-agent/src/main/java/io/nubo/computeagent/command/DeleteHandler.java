package io.nubo.computeagent.command;

import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.PowerState;

/** Destroys and undefines the guest and removes its directory; deleting what is already gone succeeds. */
public final class DeleteHandler implements CommandHandler<DeleteInstance> {

    private final GuestBuilder builder;
    private final Reports reports;

    public DeleteHandler(GuestBuilder builder, Reports reports) {
        this.builder = builder;
        this.reports = reports;
    }

    @Override
    public Class<DeleteInstance> command() {
        return DeleteInstance.class;
    }

    @Override
    public String operation(DeleteInstance command) {
        return "delete";
    }

    @Override
    public AgentReport handle(DeleteInstance c) {
        builder.tearDown(c.instanceId());
        return reports.succeeded(c, "delete", PowerState.NOSTATE);
    }
}
