package io.atolldb.bench.workload;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DistributionsTest {
    private static final int DRAWS = 200_000;

    @Test
    void zipfianRanksFollowTheirTheoreticalShares() {
        long n = 1_000;
        var zipfian = new Zipfian(n);
        var random = new SplittableRandom(7);
        long[] counts = new long[(int) n];
        for (int i = 0; i < DRAWS; i++) {
            long rank = zipfian.next(random);
            assertThat(rank).isBetween(0L, n - 1);
            counts[(int) rank]++;
        }
        double zeta = Zipfian.zeta(n, Zipfian.THETA);
        // Rank r has probability 1 / ((r+1)^theta * zeta(n)); the first two ranks are exact in the method.
        assertThat(counts[0] / (double) DRAWS).isCloseTo(1 / zeta, within(0.005));
        assertThat(counts[1] / (double) DRAWS).isCloseTo(1 / (Math.pow(2, Zipfian.THETA) * zeta), within(0.005));
        assertThat(counts[0]).isGreaterThan(counts[1]);
        assertThat(counts[1]).isGreaterThan(counts[10]);
        assertThat(counts[10]).isGreaterThan(counts[500]);
    }

    @Test
    void scrambledZipfianKeepsTheSkewButScattersTheHotRecords() {
        long n = 10_000;
        var keys = new ScrambledZipfian(n);
        var random = new SplittableRandom(11);
        long[] counts = new long[(int) n];
        for (int i = 0; i < DRAWS; i++) {
            long record = keys.next(random);
            assertThat(record).isBetween(0L, n - 1);
            counts[(int) record]++;
        }
        int hottest = 0;
        for (int r = 1; r < n; r++) {
            if (counts[r] > counts[hottest]) {
                hottest = r;
            }
        }
        // The hottest record carries rank 0's share, and it is where rank 0 hashes to, not record 0.
        assertThat(hottest).isEqualTo((int) Math.floorMod(ScrambledZipfian.fnv1a64(0), n)).isNotZero();
        assertThat(counts[hottest] / (double) DRAWS).isCloseTo(1 / Zipfian.zeta(n, Zipfian.THETA), within(0.01));
    }

    @Test
    void latestMakesTheNewestRecordsTheMostPopular() {
        long n = 5_000;
        var keys = new LatestKeys(n);
        var random = new SplittableRandom(3);
        long newest = 0;
        long newestTen = 0;
        long oldestHalf = 0;
        for (int i = 0; i < DRAWS; i++) {
            long record = keys.next(random);
            assertThat(record).isBetween(0L, n - 1);
            newest += record == n - 1 ? 1 : 0;
            newestTen += record >= n - 10 ? 1 : 0;
            oldestHalf += record < n / 2 ? 1 : 0;
        }
        assertThat(newest / (double) DRAWS).isCloseTo(1 / Zipfian.zeta(n, Zipfian.THETA), within(0.01));
        assertThat(newestTen).isGreaterThan(oldestHalf);
    }

    @Test
    void uniformCoversTheKeySpaceEvenly() {
        var keys = Distribution.UNIFORM.over(10);
        var random = new SplittableRandom(5);
        long[] counts = new long[10];
        for (int i = 0; i < DRAWS; i++) {
            counts[(int) keys.next(random)]++;
        }
        for (long count : counts) {
            assertThat(count / (double) DRAWS).isCloseTo(0.1, within(0.01));
        }
    }

    @Test
    void workloadsIssueTheirMix() {
        var random = new SplittableRandom(9);
        int reads = 0;
        int updates = 0;
        for (int i = 0; i < DRAWS; i++) {
            var kind = Workload.B.next(random);
            reads += kind == OpKind.READ ? 1 : 0;
            updates += kind == OpKind.UPDATE ? 1 : 0;
        }
        assertThat(reads / (double) DRAWS).isCloseTo(0.95, within(0.01));
        assertThat(updates / (double) DRAWS).isCloseTo(0.05, within(0.01));
        assertThat(Workload.C.next(random)).isEqualTo(OpKind.READ);
        assertThat(Workload.W.next(random)).isEqualTo(OpKind.PUT);
        var f = new java.util.EnumMap<OpKind, Integer>(OpKind.class);
        for (int i = 0; i < 1_000; i++) {
            f.merge(Workload.F.next(random), 1, Integer::sum);
        }
        assertThat(f.keySet()).containsExactlyInAnyOrder(OpKind.READ, OpKind.READ_MODIFY_WRITE);
    }

    @Test
    void recordsHaveSortableKeysAndPayloadsOfTheItemSize() {
        assertThat(Records.key(42)).isEqualTo("user000000000042");
        assertThat(Records.key(9)).isLessThan(Records.key(10));
        var records = new Records(1024, 1);
        assertThat(records.payload(5).length() + Records.OVERHEAD).isEqualTo(1024);
        assertThat(records.payload(-3)).isNotNull();
    }
}
