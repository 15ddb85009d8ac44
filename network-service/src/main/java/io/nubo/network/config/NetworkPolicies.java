package io.nubo.network.config;

import io.nubo.network.common.Policy;
import io.nubo.shared.policy.PolicyTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the network service's policy table, so the shared enforcer (and its {@code @Policy} interceptor) uses it. */
@Configuration(proxyBeanMethods = false)
public class NetworkPolicies {

    @Bean
    PolicyTable networkPolicyTable() {
        return Policy.TABLE;
    }
}
