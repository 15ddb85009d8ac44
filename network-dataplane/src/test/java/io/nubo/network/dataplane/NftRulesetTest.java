package io.nubo.network.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden tests of the rendering: a port and its rules in, nftables text out (the files under test/resources/nft). */
class NftRulesetTest {

    static final String PORT = "8f0c3c1e-5d2a-4b7e-9a61-2f1b0c9d8e7a";
    static final String WEB = "11111111-2222-3333-4444-555555555555";
    static final String DB = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    static PortFilter.Rule rule(String direction, String ethertype, String protocol, Integer min, Integer max,
                                String prefix, String group) {
        return new PortFilter.Rule("r", direction, ethertype, protocol, min, max, prefix, group);
    }

    static String golden(String name) throws IOException {
        try (InputStream in = NftRulesetTest.class.getResourceAsStream("/nft/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aPortInTheDefaultGroupWithAnAddressPair() throws IOException {
        PortFilter port = new PortFilter(PORT, "tap8f0c3c1e-5d", "FA:16:3E:01:02:03", List.of("10.0.0.5",
                "2001:db8::f816:3eff:fe01:203"), List.of(new PortFilter.Pair(null, "10.0.1.0/24"),
                new PortFilter.Pair("fa:16:3e:aa:bb:cc", "10.0.0.99")),
                List.of(rule("egress", "IPv4", null, null, null, null, null),
                        rule("egress", "IPv6", null, null, null, null, null),
                        rule("ingress", "IPv4", null, null, null, null, WEB),
                        rule("ingress", "IPv6", null, null, null, null, WEB)),
                Map.of(WEB, List.of("10.0.0.5", "10.0.0.7", "2001:db8::7", "10.0.0.0/29")));
        assertThat(NftRuleset.render("nubo", port)).isEqualTo(golden("default-group.nft"));
    }

    @Test
    void protocolsPortRangesIcmpAndPrefixes() throws IOException {
        PortFilter port = new PortFilter(PORT, "tap8f0c3c1e-5d", "fa:16:3e:01:02:03", List.of("10.0.0.5"), List.of(),
                List.of(rule("ingress", "IPv4", "tcp", 22, 22, "0.0.0.0/0", null),
                        rule("ingress", "IPv4", "tcp", 8000, 8080, "192.168.7.9/24", null),
                        rule("ingress", "IPv4", "udp", 53, 53, "192.168.7.10", null),
                        rule("ingress", "IPv4", "icmp", 8, 0, null, null),
                        rule("ingress", "IPv4", "icmp", 3, null, null, null),
                        rule("ingress", "IPv6", "icmp", 128, null, "2001:db8::/64", null),
                        rule("ingress", "IPv4", "112", null, null, null, null),
                        rule("ingress", "IPv4", "tcp", 5432, 5432, null, DB),
                        rule("egress", "IPv4", "udp", 123, 123, "10.9.0.0/16", null),
                        rule("egress", "IPv6", "sctp", 1000, 2000, null, null)),
                Map.of());
        assertThat(NftRuleset.render("nubo", port)).isEqualTo(golden("protocols.nft"));
    }

    @Test
    void noGroupsMeansOnlyRepliesAndTheBasics() throws IOException {
        PortFilter port = new PortFilter(PORT, "tap8f0c3c1e-5d", "fa:16:3e:01:02:03", List.of("10.0.0.5"), List.of(),
                List.of(), Map.of());
        assertThat(NftRuleset.render("nubo9300", port)).isEqualTo(golden("no-groups.nft"));
    }

    @Test
    void replaceIsOneTransactionThatWorksWhetherOrNotTheTableExists() {
        PortFilter port = new PortFilter(PORT, "tap8f0c3c1e-5d", "fa:16:3e:01:02:03", List.of(), List.of(),
                List.of(), Map.of());
        assertThat(NftRuleset.replace("nubo", port)).startsWith("add table bridge nubo_8f0c3c1e5d2a4b7e9a612f1b0c9d8e7a\n"
                + "delete table bridge nubo_8f0c3c1e5d2a4b7e9a612f1b0c9d8e7a\n"
                + "table bridge nubo_8f0c3c1e5d2a4b7e9a612f1b0c9d8e7a {\n");
    }

    @Test
    void aRuleOfTheOtherIpVersionOrAnUnknownProtocolMatchesNothing() {
        assertThat(NftRuleset.rule(rule("ingress", "IPv4", null, null, null, "2001:db8::/64", null), Map.of())).isNull();
        assertThat(NftRuleset.rule(rule("ingress", "IPv4", "bogus", null, null, null, null), Map.of())).isNull();
        assertThat(NftRuleset.rule(rule("ingress", "IPv4", "any", null, null, null, null), Map.of()))
                .isEqualTo("ether type ip accept");
        assertThat(NftRuleset.rule(rule("egress", "IPv6", "ipv6-icmp", 135, 0, null, null), Map.of()))
                .isEqualTo("ether type ip6 meta l4proto 58 icmpv6 type 135 icmpv6 code 0 accept");
    }

    @Test
    void linkLocalAddressIsTheMacsEui64() {
        assertThat(NftRuleset.linkLocal("fa:16:3e:01:02:03")).isEqualTo("fe80::f816:3eff:fe01:203");
    }

    @Test
    void aDeviceNameThatCouldEscapeTheStringIsRefused() {
        PortFilter port = new PortFilter(PORT, "tap\" accept", "fa:16:3e:01:02:03", List.of(), List.of(), List.of(),
                Map.of());
        assertThatThrownBy(() -> NftRuleset.render("nubo", port)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixesAreNormalisedAndCoveredOnesDropped() {
        assertThat(Prefix.parse("192.168.7.9/24")).hasToString("192.168.7.0/24");
        assertThat(Prefix.parse("2001:db8:0:0:1::/64")).hasToString("2001:db8::/64");
        assertThat(Prefix.minimal(List.of(Prefix.parse("10.0.0.5"), Prefix.parse("10.0.0.0/29"),
                Prefix.parse("10.0.0.9"), Prefix.parse("10.0.0.9")))).hasToString("[10.0.0.0/29, 10.0.0.9]");
        assertThatThrownBy(() -> Prefix.parse("example.com")).isInstanceOf(IllegalArgumentException.class);
    }
}
