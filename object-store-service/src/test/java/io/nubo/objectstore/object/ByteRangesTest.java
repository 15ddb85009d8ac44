package io.nubo.objectstore.object;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.objectstore.object.ByteRanges.Range;
import org.junit.jupiter.api.Test;

class ByteRangesTest {

    @Test
    void firstLastAndOpenEndedRanges() {
        assertThat(ByteRanges.parse("bytes=0-9", 100)).containsExactly(new Range(0, 9));
        assertThat(ByteRanges.parse("bytes=90-", 100)).containsExactly(new Range(90, 99));
        assertThat(ByteRanges.parse("bytes=50-500", 100)).as("the end is clipped").containsExactly(new Range(50, 99));
        assertThat(ByteRanges.parse("Bytes= 0-0 , 5-6", 100)).containsExactly(new Range(0, 0), new Range(5, 6));
        assertThat(new Range(5, 6).length()).isEqualTo(2);
    }

    @Test
    void suffixRangesCountFromTheEnd() {
        assertThat(ByteRanges.parse("bytes=-10", 100)).containsExactly(new Range(90, 99));
        assertThat(ByteRanges.parse("bytes=-500", 100)).containsExactly(new Range(0, 99));
        assertThat(ByteRanges.parse("bytes=-10", 0)).as("nothing to send of an empty object").isEmpty();
    }

    @Test
    void rangesBeyondTheObjectAreUnsatisfiable() {
        assertThat(ByteRanges.parse("bytes=100-200", 100)).isEmpty();
        assertThat(ByteRanges.parse("bytes=-0", 100)).isEmpty();
        assertThat(ByteRanges.parse("bytes=100-200,0-1", 100)).containsExactly(new Range(0, 1));
    }

    @Test
    void malformedHeadersAreIgnoredAndTheWholeObjectIsSent() {
        assertThat(ByteRanges.parse(null, 100)).isNull();
        assertThat(ByteRanges.parse("items=0-9", 100)).isNull();
        assertThat(ByteRanges.parse("bytes=9-0", 100)).isNull();
        assertThat(ByteRanges.parse("bytes=a-b", 100)).isNull();
        assertThat(ByteRanges.parse("bytes=-", 100)).isNull();
        assertThat(ByteRanges.parse("bytes=5", 100)).isNull();
        assertThat(ByteRanges.parse("bytes=" + "0-0,".repeat(101), 100)).as("more than 100 ranges").isNull();
    }
}
