package io.nubo.network.port;

import io.nubo.network.port.api.FixedIp;
import io.nubo.shared.events.network.PortCreated;
import io.nubo.shared.events.network.PortDeleted;
import io.nubo.shared.events.network.PortSnapshot;
import io.nubo.shared.events.network.PortUpdated;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Port changes announced through the outbox, in the transaction that makes them (keyed by port id). */
@Component
class PortEvents {

    enum Kind { CREATED, UPDATED, DELETED }

    private final EventPublisher publisher;

    PortEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    void publish(Kind kind, PortEntity p, List<FixedIp> ips, int mtu) {
        PortSnapshot s = new PortSnapshot(p.getId(), p.networkId, p.getProjectId(), p.macAddress,
                ips.stream().map(f -> new PortSnapshot.FixedIp(f.subnetId(), f.ipAddress())).toList(), p.deviceId,
                p.deviceOwner, p.hostId, p.adminStateUp, mtu, p.portSecurityEnabled, p.groups(),
                p.pairs().stream().map(a -> new PortSnapshot.AddressPair(a.ipAddress(),
                        a.macAddress() == null ? p.macAddress : a.macAddress())).toList());
        Instant now = Instant.now();
        publisher.publish(switch (kind) {
            case CREATED -> new PortCreated(s, now);
            case UPDATED -> new PortUpdated(s, now);
            case DELETED -> new PortDeleted(s, now);
        }, p.getId(), p.getProjectId());
    }
}
