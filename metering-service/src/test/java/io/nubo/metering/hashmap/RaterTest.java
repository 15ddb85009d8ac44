package io.nubo.metering.hashmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RaterTest {

    private static Rater.Rule map(String type, String cost, String service, String field, String value, String group,
                                  String tenant) {
        return new Rater.Rule(false, type, new BigDecimal(cost), service, field, value, null, group, tenant);
    }

    private static Rater.Rule threshold(String type, String cost, String service, String field, String level,
                                        String group) {
        return new Rater.Rule(true, type, new BigDecimal(cost), service, field, null, new BigDecimal(level), group,
                null);
    }

    private static final Map<String, String> SMALL = Map.of("flavor_id", "m1.small", "vcpus", "2");

    @Test
    void aFieldMappingPricesMatchingUsageOnly() {
        Rater r = new Rater(List.of(map("flat", "0.05", "instance", "flavor_id", "m1.small", null, null)));
        assertThat(r.price("instance", BigDecimal.ONE, SMALL, "p")).isEqualByComparingTo("0.05");
        assertThat(r.price("instance", BigDecimal.ONE, Map.of("flavor_id", "m1.large"), "p")).isEqualByComparingTo("0");
        assertThat(r.price("volume.size", BigDecimal.ONE, SMALL, "p")).isEqualByComparingTo("0");
    }

    @Test
    void withinAGroupTheHighestFlatTimesTheRatesTimesTheQuantity() {
        Rater r = new Rater(List.of(
                map("flat", "0.01", "volume.size", null, null, null, null),
                map("flat", "0.02", "volume.size", "volume_type", "ssd", null, null),
                map("rate", "1.5", "volume.size", "availability_zone", "fast", null, null)));
        assertThat(r.price("volume.size", BigDecimal.TEN, Map.of("volume_type", "ssd", "availability_zone", "fast"),
                "p")).isEqualByComparingTo("0.30");   // max(0.01, 0.02) * 1.5 * 10
        assertThat(r.price("volume.size", BigDecimal.TEN, Map.of("volume_type", "hdd"), "p"))
                .isEqualByComparingTo("0.10");
    }

    @Test
    void groupsAddUp() {
        Rater r = new Rater(List.of(
                map("flat", "0.05", "instance", "flavor_id", "m1.small", "g-flavor", null),
                map("flat", "0.01", "instance", "vcpus", "2", "g-cpu", null)));
        assertThat(r.price("instance", BigDecimal.ONE, SMALL, "p")).isEqualByComparingTo("0.06");
    }

    @Test
    void aProjectsOwnMappingReplacesTheGlobalOneForThatProjectOnly() {
        Rater r = new Rater(List.of(
                map("flat", "0.05", "instance", "flavor_id", "m1.small", null, null),
                map("flat", "0.03", "instance", "flavor_id", "m1.small", null, "friend")));
        assertThat(r.price("instance", BigDecimal.ONE, SMALL, "friend")).isEqualByComparingTo("0.03");
        assertThat(r.price("instance", BigDecimal.ONE, SMALL, "other")).isEqualByComparingTo("0.05");
    }

    @Test
    void theHighestServiceThresholdReachedAppliesAfterTheQuantity() {
        Rater r = new Rater(List.of(
                map("flat", "0.10", "volume.size", null, null, null, null),
                threshold("rate", "0.9", "volume.size", null, "100", null),
                threshold("rate", "0.8", "volume.size", null, "500", null)));
        assertThat(r.price("volume.size", BigDecimal.valueOf(50), Map.of(), "p")).isEqualByComparingTo("5.0");
        assertThat(r.price("volume.size", BigDecimal.valueOf(200), Map.of(), "p")).isEqualByComparingTo("18.0");
        assertThat(r.price("volume.size", BigDecimal.valueOf(1000), Map.of(), "p")).isEqualByComparingTo("80.0");
    }

    @Test
    void aFieldThresholdAddsToTheFlatBeforeTheQuantity() {
        Rater r = new Rater(List.of(
                map("flat", "0.01", "instance", null, null, null, null),
                threshold("flat", "0.02", "instance", "vcpus", "2", null)));
        assertThat(r.price("instance", BigDecimal.ONE, SMALL, "p")).isEqualByComparingTo("0.03");
        assertThat(r.price("instance", BigDecimal.ONE, Map.of("vcpus", "1"), "p")).isEqualByComparingTo("0.01");
    }

    @Test
    void decimalsStayExact() {
        Rater r = new Rater(List.of(map("flat", "0.1", "ip.floating", null, null, null, null)));
        assertThat(r.price("ip.floating", new BigDecimal("3"), Map.of(), "p")).isEqualTo(new BigDecimal("0.3"));
    }
}
