package io.nubo.shared.events.network;

import io.nubo.shared.events.NuboEvent;

/** A change the network service announces on {@link io.nubo.shared.events.Topics#NETWORK}. */
public sealed interface NetworkChange extends NuboEvent
        permits PortCreated, PortUpdated, PortDeleted, FloatingIpAssociated, FloatingIpDisassociated,
        RouterGatewaySet, RouterGatewayCleared, SecurityGroupRulesChanged {
}
