package io.nubo.compute.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rule prefix as the network service keeps it: the network of the CIDR, Nova's 400 for a bad one. */
class SecurityGroupProxyTest {

    @Test
    void aRulesCidrIsItsNetwork() {
        assertThat(SecurityGroupProxy.network("10.2.3.124/24")).isEqualTo("10.2.3.0/24");
        assertThat(SecurityGroupProxy.network("0.0.0.0/0")).isEqualTo("0.0.0.0/0");
        assertThat(SecurityGroupProxy.network("192.168.1.77/32")).isEqualTo("192.168.1.77/32");
        assertThat(SecurityGroupProxy.network("10.7.0.1/9")).isEqualTo("10.0.0.0/9");
        assertThat(SecurityGroupProxy.network("2001:db8::1/64")).isEqualTo("2001:db8::/64");
        assertThatThrownBy(() -> SecurityGroupProxy.network("10.0.0.0/33")).hasMessage("Invalid cidr 10.0.0.0/33.");
        assertThatThrownBy(() -> SecurityGroupProxy.network("example.com/8")).hasMessage("Invalid cidr example.com/8.");
        assertThatThrownBy(() -> SecurityGroupProxy.network("10.0.0.1")).hasMessage("Invalid cidr 10.0.0.1.");
    }
}
