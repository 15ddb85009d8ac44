package io.nubo.compute.quota;

import java.util.Map;

/** What a feature has in use for the quota resources it owns (servers: instances, cores, ram; key pairs ...). */
public interface UsageCounter {

    Map<QuotaResource, Integer> inUse(String projectId, String userId);
}
