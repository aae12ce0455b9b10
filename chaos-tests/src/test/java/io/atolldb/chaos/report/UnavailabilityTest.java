package io.atolldb.chaos.report;

import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.OpKind;
import io.atolldb.chaos.history.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Unavailability is the longest time from asking a key to that key next answering. */
class UnavailabilityTest {
    private final List<Op> history = new ArrayList<>();

    private void probe(String key, long invokeMs, long completeMs, Outcome outcome) {
        history.add(new Op(history.size(), 1000, Family.REGISTER, key, OpKind.READ, null, null, outcome, null,
                invokeMs * 1_000_000, completeMs * 1_000_000, outcome == Outcome.OK ? null : "timeout"));
    }

    @Test
    void aKeyThatStopsAnsweringWaitsUntilItsNextSuccess() {
        for (long t = 0; t < 10_000; t += 250) {
            boolean down = t >= 4_000 && t < 7_000;
            probe("a", t, down ? t + 1_000 : t + 10, down ? Outcome.UNKNOWN : Outcome.OK);
            probe("b", t, t + 20, Outcome.OK);
        }
        var unavailability = new Unavailability(history, op -> true, 10_000_000_000L);
        Unavailability.Wait wait = unavailability.longestWait(3_500_000_000L, 9_000_000_000L);
        assertThat(wait.key()).isEqualTo("a");
        // Asked at 4.0 s, answered again by the probe of 7.0 s, done at 7.01 s.
        assertThat(wait.nanos()).isEqualTo(3_010_000_000L);
        assertThat(unavailability.longestWait(0, 3_500_000_000L).nanos()).isEqualTo(20_000_000L);
    }

    @Test
    void aKeyThatNeverAnswersAgainWaitsUntilTheEndAndUnsampledOperationsDoNotCount() {
        probe("a", 0, 10, Outcome.OK);
        probe("a", 1_000, 2_000, Outcome.UNKNOWN);
        history.add(new Op(history.size(), 3, Family.REGISTER, "a", OpKind.READ, null, null, Outcome.OK, null,
                1_500_000_000L, 1_510_000_000L, null));
        var probesOnly = new Unavailability(history, op -> op.client() >= 1000, 5_000_000_000L);
        assertThat(probesOnly.longestWait(500_000_000L, 5_000_000_000L).nanos()).isEqualTo(4_000_000_000L);
        var everything = new Unavailability(history, op -> true, 5_000_000_000L);
        assertThat(everything.longestWait(500_000_000L, 5_000_000_000L).nanos()).isEqualTo(510_000_000L);
    }
}
