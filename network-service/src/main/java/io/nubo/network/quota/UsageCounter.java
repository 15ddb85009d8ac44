package io.nubo.network.quota;

/**
 * How many resources of one kind a project holds, for quota checks and {@code /quotas/{id}/details}. Each feature
 * that owns a quota'd resource provides one, so the quota feature needs none of them.
 */
public interface UsageCounter {

    /** Neutron's quota resource name: network, subnet, port, router, floatingip, security_group, ... */
    String resource();

    long count(String projectId);
}
