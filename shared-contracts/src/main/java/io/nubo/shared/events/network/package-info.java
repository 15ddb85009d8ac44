/**
 * What the network service announces on {@link io.nubo.shared.events.Topics#NETWORK} (sealed
 * {@link NetworkChange}), keyed by the port, floating IP or router id so that one resource's events stay in order:
 * ports created, updated and deleted (the compute agent binds and plugs them), floating IPs associated and
 * disassociated (metering counts them), router gateways set and cleared. Each port event carries the whole port as
 * it is after the change ({@link PortSnapshot}), so a consumer needs no call back to the API.
 */
package io.nubo.shared.events.network;
