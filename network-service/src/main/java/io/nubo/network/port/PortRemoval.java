package io.nubo.network.port;

/**
 * Told before a port goes, in the deleting transaction, so that what points at it lets go (a floating IP is
 * disassociated, as Neutron does). The floating IP feature implements it, so ports need not know floating IPs.
 */
public interface PortRemoval {

    void beforeDelete(String portId);
}
