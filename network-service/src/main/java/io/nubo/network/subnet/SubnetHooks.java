package io.nubo.network.subnet;

/**
 * Told of a subnet's changes inside the transaction that makes them, so that what serves the subnet follows: the
 * DHCP feature holds a {@code network:dhcp} port on every subnet with DHCP enabled. The DHCP feature implements it,
 * so subnets need not know ports.
 */
public interface SubnetHooks {

    /** After the subnet is created or changed (its DHCP switch, gateway or DNS servers may differ). */
    void afterSave(SubnetInfo subnet);

    /** Before the subnet goes (and before the check that no port still holds an address on it). */
    void beforeDelete(SubnetInfo subnet);
}
