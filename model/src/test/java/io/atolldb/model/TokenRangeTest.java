package io.atolldb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class TokenRangeTest {
    private static final BigInteger RING = BigInteger.ONE.shiftLeft(64);

    @Property(tries = 200)
    void evenSplitCoversTheRingInOrderWithoutGapsOrOverlaps(@ForAll @IntRange(min = 1, max = 1000) int count) {
        var ranges = TokenRange.evenSplit(count);

        assertThat(ranges).hasSize(count);
        assertThat(ranges.getFirst().start()).isZero();
        assertThat(ranges.getLast().toEndOfRing()).isTrue();
        for (int i = 1; i < count; i++) {
            assertThat(ranges.get(i).start()).isEqualTo(ranges.get(i - 1).end());
        }
    }

    @Property(tries = 200)
    void evenSplitRangesDifferInSizeByAtMostOne(@ForAll @IntRange(min = 1, max = 1000) int count) {
        var sizes = TokenRange.evenSplit(count).stream().map(TokenRangeTest::size).toList();
        var smallest = sizes.stream().min(BigInteger::compareTo).orElseThrow();
        var largest = sizes.stream().max(BigInteger::compareTo).orElseThrow();

        assertThat(largest.subtract(smallest)).isLessThanOrEqualTo(BigInteger.ONE);
        assertThat(sizes.stream().reduce(BigInteger.ZERO, BigInteger::add)).isEqualTo(RING);
    }

    @Property
    void everyTokenLiesInExactlyOneRangeOfASplit(@ForAll @IntRange(min = 1, max = 64) int count, @ForAll long token) {
        assertThat(TokenRange.evenSplit(count).stream().filter(r -> r.contains(token))).hasSize(1);
    }

    @Example
    void containsTreatsTokensAsUnsignedAndEndZeroAsTheEndOfTheRing() {
        var upperHalf = new TokenRange(Long.MIN_VALUE, 0); // [2^63, 2^64)
        assertThat(upperHalf.contains(-1L)).isTrue();            // 2^64 - 1
        assertThat(upperHalf.contains(Long.MIN_VALUE)).isTrue(); // 2^63
        assertThat(upperHalf.contains(Long.MAX_VALUE)).isFalse();
        assertThat(upperHalf.contains(0)).isFalse();

        var lowerHalf = new TokenRange(0, Long.MIN_VALUE);
        assertThat(lowerHalf.contains(0)).isTrue();
        assertThat(lowerHalf.contains(Long.MAX_VALUE)).isTrue();
        assertThat(lowerHalf.contains(Long.MIN_VALUE)).isFalse();
        assertThat(TokenRange.WHOLE_RING.contains(-1L)).isTrue();
    }

    @Example
    void emptyRangesAndNonPositiveCountsAreRejected() {
        assertThatThrownBy(() -> new TokenRange(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenRange(-1L, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenRange.evenSplit(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static BigInteger size(TokenRange range) {
        var start = new BigInteger(Long.toUnsignedString(range.start()));
        var end = range.toEndOfRing() ? RING : new BigInteger(Long.toUnsignedString(range.end()));
        return end.subtract(start);
    }
}
