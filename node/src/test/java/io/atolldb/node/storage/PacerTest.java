package io.atolldb.node.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {
    @Test
    void aStreamTakesAtLeastItsSizeOverTheRateFromItsFirstByte() {
        var pace = new Pacer(10L * 1024 * 1024);
        long start = System.nanoTime();
        for (int i = 0; i < 1024; i++) {
            pace.account(1024);
        }
        // 1 MiB at 10 MiB/s: no burst at the start, so at least 100 ms less the last sub-millisecond debt.
        assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(99.0);
    }

    @Test
    void aRateOfZeroDoesNotPace() {
        var pace = new Pacer(0);
        long start = System.nanoTime();
        pace.account(Long.MAX_VALUE / 2);
        assertThat((System.nanoTime() - start) / 1e6).isLessThan(50.0);
    }
}
