package io.nubo.computeagent.command;

import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.PowerState;
import java.time.Duration;

/**
 * start, stop (clean shutdown with a timeout, then destroy), reboot soft (clean shutdown, then start; hard if the
 * guest ignores it, as Nova does) and hard (destroy, start), pause/unpause, suspend (to disk)/resume. Each is a
 * no-op when the guest is already where the action leads, so a redelivered command changes nothing.
 */
public final class PowerHandler implements CommandHandler<PowerAction> {

    private final Hypervisor hypervisor;
    private final Reports reports;
    private final Duration defaultShutdownTimeout;

    public PowerHandler(Hypervisor hypervisor, Reports reports, Duration defaultShutdownTimeout) {
        this.hypervisor = hypervisor;
        this.reports = reports;
        this.defaultShutdownTimeout = defaultShutdownTimeout;
    }

    @Override
    public Class<PowerAction> command() {
        return PowerAction.class;
    }

    @Override
    public String operation(PowerAction command) {
        return command.action() == null ? "power" : command.action().operation();
    }

    @Override
    public AgentReport handle(PowerAction c) {
        if (c.action() == null) {
            throw new IllegalArgumentException("the power command names no action");
        }
        Guest g = Guests.require(hypervisor, c.instanceId());
        Duration timeout = c.timeoutSeconds() > 0 ? Duration.ofSeconds(c.timeoutSeconds()) : defaultShutdownTimeout;
        PowerState now = g.powerState();
        switch (c.action()) {
            case START:
                if (!g.active()) {
                    g.start();
                }
                break;
            case STOP:
                Guests.shutdownCleanly(g, timeout);
                break;
            case REBOOT_SOFT:
                Guests.shutdownCleanly(g, timeout);
                g.start();
                break;
            case REBOOT_HARD:
                Guests.stopNow(g);
                g.start();
                break;
            case PAUSE:
                if (now == PowerState.RUNNING) {
                    g.pause();
                } else if (now != PowerState.PAUSED) {
                    throw new IllegalStateException("cannot pause instance " + c.instanceId() + ": it is " + now);
                }
                break;
            case UNPAUSE:
                if (now == PowerState.PAUSED) {
                    g.unpause();
                }
                break;
            case SUSPEND:
                if (now == PowerState.PAUSED) {
                    g.unpause();
                }
                if (g.active()) {
                    g.saveToDisk();
                } else if (!g.savedToDisk()) {
                    throw new IllegalStateException("cannot suspend instance " + c.instanceId() + ": it is not running");
                }
                break;
            case RESUME:
                if (!g.active()) {
                    g.start();
                }
                break;
            default:
                throw new IllegalArgumentException("unknown power action " + c.action());
        }
        return reports.succeeded(c, operation(c), g.powerState());
    }
}
