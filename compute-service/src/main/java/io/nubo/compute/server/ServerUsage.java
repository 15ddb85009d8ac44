package io.nubo.compute.server;

import io.nubo.compute.quota.QuotaResource;
import io.nubo.compute.quota.UsageCounter;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What a project's live instances use: instances, cores and RAM (Nova counts them from the instances too). */
@Component
class ServerUsage implements UsageCounter {

    private final InstanceStore instances;

    ServerUsage(InstanceStore instances) {
        this.instances = instances;
    }

    @Override
    public Map<QuotaResource, Integer> inUse(String projectId, String userId) {
        int[] u = instances.usage(projectId);
        return Map.of(QuotaResource.INSTANCES, u[0], QuotaResource.CORES, u[1], QuotaResource.RAM, u[2]);
    }
}
