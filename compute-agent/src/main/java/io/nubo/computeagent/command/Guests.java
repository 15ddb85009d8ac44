package io.nubo.computeagent.command;

import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.computeagent.hypervisor.HypervisorException;
import io.nubo.shared.events.compute.PowerState;
import java.time.Duration;
import java.util.Optional;

/** Finding an instance's guest and waiting for it, shared by the handlers. */
final class Guests {

    private Guests() {
    }

    static Optional<Guest> find(Hypervisor hypervisor, String instanceId) {
        return hypervisor.find(GuestNames.domainName(instanceId));
    }

    static Guest require(Hypervisor hypervisor, String instanceId) {
        return find(hypervisor, instanceId).orElseThrow(() -> new HypervisorException(
                "instance " + instanceId + " has no guest on this host"));
    }

    /** Asks the guest OS to power off, waits up to {@code timeout}, then pulls the plug (Nova's clean shutdown). */
    static void shutdownCleanly(Guest guest, Duration timeout) {
        if (!guest.active()) {
            return;
        }
        if (guest.powerState() == PowerState.PAUSED) {
            guest.destroy();
            return;
        }
        try {
            guest.shutdown();
        } catch (HypervisorException e) {
            if (e.unreachable()) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!guest.active()) {
                return;
            }
            sleep(200);
        }
        if (guest.active()) {
            guest.destroy();
        }
    }

    static void stopNow(Guest guest) {
        if (guest.active()) {
            guest.destroy();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HypervisorException("interrupted while waiting for the guest to stop");
        }
    }
}
