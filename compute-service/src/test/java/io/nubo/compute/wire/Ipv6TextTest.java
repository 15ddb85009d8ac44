package io.nubo.compute.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ipv6TextTest {

    @Test
    void addressesComeOutInRfc5952Form() {
        assertThat(Ipv6Text.canonical("0000:0000:0000:0000:0000:babe:220.12.22.2")).isEqualTo("::babe:dc0c:1602");
        assertThat(Ipv6Text.canonical("2001:DB8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Ipv6Text.canonical("2001:db8:0:1:1:1:1:1")).as("a single zero group stays").isEqualTo(
                "2001:db8:0:1:1:1:1:1");
        assertThat(Ipv6Text.canonical("::")).isEqualTo("::");
        assertThat(Ipv6Text.canonical("::1")).isEqualTo("::1");
        assertThat(Ipv6Text.canonical("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
    }

    @Test
    void otherTextIsLeftAsItIs() {
        assertThat(Ipv6Text.canonical(null)).isNull();
        assertThat(Ipv6Text.canonical("")).isEmpty();
        assertThat(Ipv6Text.canonical("not:an:address:zz")).isEqualTo("not:an:address:zz");
    }
}
