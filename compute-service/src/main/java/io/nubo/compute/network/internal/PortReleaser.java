package io.nubo.compute.network.internal;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Gives ports of gone instances back to the network service, as compute's service user: a port compute created is
 * deleted, one the user brought is unbound (device and host cleared) and stays. The rows marked in the instance's
 * transaction are the to-do list, so a network service that is away, or a restart, only delays the work: it runs
 * after each such commit and again every few seconds until the list is empty.
 */
public final class PortReleaser {

    private static final Logger log = LoggerFactory.getLogger(PortReleaser.class);

    private final NeutronClient neutron;
    private final PortStore store;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "port-releaser");
        t.setDaemon(true);
        return t;
    });

    public PortReleaser(NeutronClient neutron, PortStore store) {
        this.neutron = neutron;
        this.store = store;
    }

    /** Runs the to-do list once the calling transaction has committed (at once when there is none). */
    void afterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    kick();
                }
            });
        } else {
            kick();
        }
    }

    public void kick() {
        worker.execute(this::releaseAll);
    }

    /** One pass over the to-do list (the scheduler and each kick call this; one at a time on the worker). */
    public synchronized void releaseAll() {
        for (PortStore.Row row : store.releasing()) {
            try {
                giveBack(row.portId(), row.createdByNova());
                store.delete(row.instanceId(), row.portId());
            } catch (RuntimeException e) {
                log.warn("Port {} of instance {} is not given back yet (retried): {}", row.portId(),
                        row.instanceId(), e.getMessage());
            }
        }
    }

    /** Deletes or unbinds one port; a port already gone counts as done. */
    void giveBack(String portId, boolean delete) {
        NeutronClient.Reply r = delete ? neutron.asService(HttpMethod.DELETE, "/v2.0/ports/" + portId, null)
                : neutron.asService(HttpMethod.PUT, "/v2.0/ports/" + portId, Map.of("port", Map.of(
                        "device_id", "", "device_owner", "", "binding:host_id", "")));
        if (!r.ok() && r.status() != 404) {
            throw new IllegalStateException((delete ? "delete" : "unbind") + " of port " + portId + ": "
                    + r.message());
        }
    }

    public void stop() {
        worker.shutdownNow();
    }
}
