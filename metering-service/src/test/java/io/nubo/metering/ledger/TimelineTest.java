package io.nubo.metering.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static Timeline.TimedChange at(long seconds, String id, UsageChange c) {
        return new Timeline.TimedChange(T0.plusSeconds(seconds), id, c);
    }

    private static UsageChange.Set set(long level, String... kv) {
        return new UsageChange.Set(BigDecimal.valueOf(level), kv.length == 0 ? null : UsageMappings.attributes(kv));
    }

    private static final List<Timeline.TimedChange> INSTANCE = List.of(
            at(0, "e1", set(1, "flavor_id", "small", "vcpus", "1")),
            at(3600, "e2", set(0)),                               // stopped: attributes kept
            at(5400, "e3", set(1)),                               // started again
            at(7200, "e4", set(1, "flavor_id", "large", "vcpus", "4")), // resized
            at(9000, "e5", new UsageChange.Close()));             // deleted

    @Test
    void anInstanceLifecycleGivesOneSegmentPerRunningStretchAndFlavor() {
        List<Segment> s = Timeline.fold(INSTANCE);
        assertThat(s).containsExactly(
                new Segment(T0, T0.plusSeconds(3600), BigDecimal.ONE, Map.of("flavor_id", "small", "vcpus", "1")),
                new Segment(T0.plusSeconds(5400), T0.plusSeconds(7200), BigDecimal.ONE,
                        Map.of("flavor_id", "small", "vcpus", "1")),
                new Segment(T0.plusSeconds(7200), T0.plusSeconds(9000), BigDecimal.ONE,
                        Map.of("flavor_id", "large", "vcpus", "4")));
    }

    @Test
    void anyDeliveryOrderGivesTheSameSegments() {
        List<Segment> expected = Timeline.fold(INSTANCE);
        Random random = new Random(16);
        for (int i = 0; i < 50; i++) {
            List<Timeline.TimedChange> shuffled = new ArrayList<>(INSTANCE);
            Collections.shuffle(shuffled, random);
            assertThat(Timeline.fold(shuffled)).isEqualTo(expected);
        }
    }

    @Test
    void deltasAddUpAndALevelOfZeroLeavesNoSegment() {
        UsageChange.Add up = new UsageChange.Add(new BigDecimal("0.5"));
        UsageChange.Add down = new UsageChange.Add(new BigDecimal("-0.5"));
        List<Segment> s = Timeline.fold(List.of(at(0, "a", up), at(60, "b", up), at(120, "c", down),
                at(180, "d", down), at(240, "e", up)));
        assertThat(s).extracting(Segment::begin, Segment::end, Segment::level).containsExactly(
                org.assertj.core.groups.Tuple.tuple(T0, T0.plusSeconds(60), new BigDecimal("0.5")),
                org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(60), T0.plusSeconds(120), new BigDecimal("1.0")),
                org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(120), T0.plusSeconds(180), new BigDecimal("0.5")),
                org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(240), null, new BigDecimal("0.5")));
    }

    @Test
    void timesAreCutToTheMillisecondAndAChangeWithinTheSameMillisecondReplacesTheLevel() {
        List<Segment> s = Timeline.fold(List.of(
                new Timeline.TimedChange(T0.plusNanos(200_000), "a", set(10)),
                new Timeline.TimedChange(T0.plusNanos(700_000), "b", set(20)),
                new Timeline.TimedChange(T0.plusMillis(1500), "c", set(30)),
                new Timeline.TimedChange(T0.plusSeconds(30).plusNanos(999_999), "d", new UsageChange.Close())));
        assertThat(s).containsExactly(
                new Segment(T0, T0.plusMillis(1500), BigDecimal.valueOf(20), Map.of()),
                new Segment(T0.plusMillis(1500), T0.plusSeconds(30), BigDecimal.valueOf(30), Map.of()));
    }

    @Test
    void aChangeThatChangesNothingKeepsTheSegmentWhole() {
        Timeline t = new Timeline();
        assertThat(t.apply(T0, set(1, "flavor_id", "a")).changed()).isTrue();
        Timeline.Step same = t.apply(T0.plusSeconds(10), set(1, "flavor_id", "a"));
        assertThat(same.changed()).isFalse();
        assertThat(t.open()).isEqualTo(new Segment(T0, null, BigDecimal.ONE, Map.of("flavor_id", "a")));
    }

    @Test
    void gibIsExactForBytes() {
        assertThat(UsageMappings.gib(1L << 30)).isEqualByComparingTo("1");
        assertThat(UsageMappings.gib(1)).isEqualByComparingTo(BigDecimal.ONE.divide(BigDecimal.valueOf(1L << 30)));
        assertThat(UsageMappings.gib(-(3L << 29))).isEqualByComparingTo("-1.5");
    }
}
