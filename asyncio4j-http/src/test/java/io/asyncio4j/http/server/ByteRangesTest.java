package io.asyncio4j.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.server.ByteRanges.Kind;
import io.asyncio4j.http.server.ByteRanges.Range;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Range policy on its own: parsing, unsatisfiable sets, coalescing, the cap. */
@Timeout(10)
class ByteRangesTest {
    private static ByteRanges of(String header) {
        return ByteRanges.of(header, 1000, 5);
    }

    private static List<Range> ranges(String header) {
        ByteRanges r = of(header);
        assertThat(r.kind()).as(header).isEqualTo(Kind.PARTIAL);
        return r.ranges();
    }

    @Test
    void singleSuffixAndOpenRanges() {
        assertThat(ranges("bytes=2-5")).containsExactly(new Range(2, 5));
        assertThat(ranges("bytes=-500")).containsExactly(new Range(500, 999));
        assertThat(ranges("bytes=-5000")).containsExactly(new Range(0, 999));
        assertThat(ranges("bytes=950-")).containsExactly(new Range(950, 999));
        assertThat(ranges("bytes=990-5000")).containsExactly(new Range(990, 999));
        assertThat(ranges("BYTES=1-2")).containsExactly(new Range(1, 2));
        assertThat(ranges("bytes=0-99999999999999999999999")).containsExactly(new Range(0, 999));
    }

    @Test
    void setsKeepTheirOrderUnlessTheyMerge() {
        assertThat(ranges("bytes=0-9, 20-29")).containsExactly(new Range(0, 9), new Range(20, 29));
        assertThat(ranges("bytes=-3,0-1")).containsExactly(new Range(997, 999), new Range(0, 1));
        assertThat(ranges("bytes=0-1,,5-6,")).containsExactly(new Range(0, 1), new Range(5, 6));
        // overlapping or adjacent: coalesced, then ascending
        assertThat(ranges("bytes=20-29,0-9,5-14")).containsExactly(new Range(0, 14), new Range(20, 29));
        assertThat(ranges("bytes=0-9,10-19")).containsExactly(new Range(0, 19));
        assertThat(ranges("bytes=900-,-50,0-0")).containsExactly(new Range(0, 0), new Range(900, 999));
        assertThat(ranges("bytes=0-0,0-0,0-0")).containsExactly(new Range(0, 0));
    }

    @Test
    void unsatisfiableRangesAreDroppedAndAnEmptySetIs416() {
        assertThat(ranges("bytes=0-1,1000-,5000-6000")).containsExactly(new Range(0, 1));
        assertThat(of("bytes=1000-").kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(of("bytes=1000-1001, 2000-, -0").kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(ByteRanges.of("bytes=-1", 0, 5).kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(ByteRanges.of("bytes=0-", 0, 5).kind()).isEqualTo(Kind.UNSATISFIABLE);
    }

    @Test
    void malformedOrTooManyMeansTheWholeFile() {
        for (String h : new String[] {"items=0-1", "bytes=", "bytes=,", "bytes=5", "bytes=5-1", "bytes=0-1,x-2",
                "bytes=-", "bytes=1-2-3", "bytes=+1-2", "bytes=0-1,2-3,4-5,6-7,8-9,10-11"}) {
            assertThat(of(h)).as(h).isEqualTo(ByteRanges.WHOLE);
        }
        assertThat(ranges("bytes=0-1,2-3,4-5,6-7,8-9")).containsExactly(new Range(0, 9)); // five specs: at the cap
    }
}
