package io.nubo.computeagent.command;

import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.computeagent.hypervisor.HypervisorException;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.ComputeCommand;
import io.nubo.shared.events.compute.ConsoleOutput;
import io.nubo.shared.events.compute.ConsoleOutputRequested;
import io.nubo.shared.events.compute.PowerState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each command to its handler and turns any failure into a FAILED report whose fault message says why, so
 * the API never waits for an answer that does not come and the agent goes on with the next command.
 */
public final class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final Map<Class<?>, CommandHandler<?>> handlers = new HashMap<>();
    private final Hypervisor hypervisor;
    private final Reports reports;

    public CommandDispatcher(List<CommandHandler<?>> handlers, Hypervisor hypervisor, Reports reports) {
        handlers.forEach(h -> this.handlers.put(h.command(), h));
        this.hypervisor = hypervisor;
        this.reports = reports;
    }

    public AgentReport dispatch(ComputeCommand command) {
        @SuppressWarnings("unchecked")
        CommandHandler<ComputeCommand> h = (CommandHandler<ComputeCommand>) handlers.get(command.getClass());
        if (h == null) {
            return reports.failed(command, command.getClass().getSimpleName(), PowerState.NOSTATE,
                    "the agent on " + reports.host() + " does not support " + command.getClass().getSimpleName()
                            + " yet", null);
        }
        String operation = h.operation(command);
        long t0 = System.nanoTime();
        try {
            AgentReport r = h.handle(command);
            log.info("Instance {}: {} done in {} ms", command.instanceId(), operation,
                    (System.nanoTime() - t0) / 1_000_000);
            return r;
        } catch (RuntimeException e) {
            String message = faultMessage(e);
            log.warn("Instance {}: {} failed: {}", command.instanceId(), operation, message);
            if (command instanceof ConsoleOutputRequested c) {
                return new ConsoleOutput(c.instanceId(), reports.host(), c.actionId(), null, message);
            }
            return reports.failed(command, operation, observedState(command.instanceId()), message, details(e));
        }
    }

    String faultMessage(RuntimeException e) {
        if (e instanceof HypervisorException h && h.unreachable()) {
            return "libvirtd on host " + reports.host() + " does not answer (" + e.getMessage() + ")";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private PowerState observedState(String instanceId) {
        try {
            return hypervisor.find(GuestNames.domainName(instanceId)).map(g -> g.powerState())
                    .orElse(PowerState.NOSTATE);
        } catch (RuntimeException e) {
            return PowerState.NOSTATE;
        }
    }

    private static String details(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 4000 ? s.substring(0, 4000) : s;
    }
}
