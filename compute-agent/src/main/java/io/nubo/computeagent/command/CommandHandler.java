package io.nubo.computeagent.command;

import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.ComputeCommand;

/** Carries out one kind of command on this host and says what happened. */
public interface CommandHandler<C extends ComputeCommand> {

    Class<C> command();

    /** The operation name the report carries ({@code spawn}, {@code stop}, ...). */
    String operation(C command);

    /**
     * Does the work, idempotently (a redelivered command after a crash finds part of it done), and returns the
     * report. Throws when it failed; the dispatcher reports the fault.
     */
    AgentReport handle(C command);
}
