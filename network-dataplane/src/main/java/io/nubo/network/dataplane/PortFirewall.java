package io.nubo.network.dataplane;

import java.util.Set;

/**
 * Security groups enforced on a host, one filter per port (Neutron's firewall driver). Every operation is
 * idempotent and replaces the port's whole filter at once, so a rule change never leaves a half-written state.
 */
public interface PortFirewall {

    /** Installs or replaces the port's filter; it applies to the port's device from the moment the device exists. */
    void apply(PortFilter port);

    /** Removes the port's filter (nothing left); a port without one is fine. */
    void remove(String portId);

    /** The ports this firewall holds a filter for (only its own: another cloud's are never listed). */
    Set<String> ports();

    /** Removes every filter of this firewall and its shared state. */
    void removeAll();
}
