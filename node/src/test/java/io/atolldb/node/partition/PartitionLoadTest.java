package io.atolldb.node.partition;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partition's load in capacity units (a write unit per started KB written, a read unit per started 4 KB
 * read) and the token at the middle of it, where a hot partition splits so each half takes about half.
 */
class PartitionLoadTest {
    @Test
    void unitsCountStartedKilobytesForWritesAndStartedFourKilobytesForReads() {
        var load = new PartitionLoad();
        load.wrote(10, 0, 1);        // 1 unit
        load.wrote(10, 1500, 100);   // 2 units: the larger of before and after
        load.read(10, 4097);         // 2 units

        double[] rates = load.rates();

        assertThat(rates[0]).isPositive();
        assertThat(rates[1]).isPositive();
        assertThat(load.sample()).extracting(s -> s[1]).containsExactly(1L, 2L, 2L);
    }

    @Test
    void theMiddleOfTheLoadSplitsItIntoHalvesAndSkewMovesIt() {
        var even = new PartitionLoad();
        for (long token = 1; token <= 100; token++) {
            even.wrote(token, 0, 1);
        }
        var skewed = new PartitionLoad();
        for (long token = 1; token <= 100; token++) {
            skewed.wrote(token, 0, token <= 10 ? 10 * 1024 : 1); // the first ten tokens carry most of the load
        }

        assertThat(even.middleToken(0, 0)).hasValue(51);
        assertThat(skewed.middleToken(0, 0).getAsLong()).isBetween(6L, 11L);
    }

    @Test
    void oneHotTokenCannotBeSplitAndTokensOutsideTheRangeAreIgnored() {
        var single = new PartitionLoad();
        for (int i = 0; i < 50; i++) {
            single.wrote(42, 0, 1);
        }
        var afterSplit = new PartitionLoad();
        for (long token = 1; token <= 100; token++) {
            afterSplit.wrote(token, 0, 1);
        }

        assertThat(single.middleToken(0, 0)).isEmpty();
        // The range [1, 51) kept tokens 1..50: their middle is 26.
        assertThat(afterSplit.middleToken(1, 51)).hasValue(26);
    }
}
