package io.atolldb.chaos.check;

import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The set's durability check and the counters' bounds, on known-good and known-bad histories. */
class SetAndCounterCheckerTest {
    @Test
    void aSetWithEveryAcknowledgedElementPresentIsValid() {
        var history = new Histories(Family.SET).addElement("e1", Outcome.OK, 0, 1).addElement("e2", Outcome.UNKNOWN, 0, 1)
                .addElement("e3", Outcome.UNKNOWN, 0, 1).addElement("e4", Outcome.FAILED, 0, 1)
                .readElement("e1", true, 10, 11).readElement("e2", true, 10, 11).readElement("e3", false, 10, 11)
                .readElement("e4", false, 10, 11);
        SetResult result = SetChecker.check(history.ops());
        assertThat(result.valid()).isTrue();
        assertThat(result.attempted()).isEqualTo(4);
        assertThat(result.acknowledged()).isEqualTo(1);
        assertThat(result.recovered()).isEqualTo(1);
    }

    @Test
    void anAcknowledgedElementAbsentAfterHealIsLost() {
        var history = new Histories(Family.SET).addElement("e1", Outcome.OK, 0, 1).addElement("e2", Outcome.OK, 0, 1)
                .readElement("e1", true, 10, 11).readElement("e2", true, 10, 11).readElement("e2", false, 12, 13);
        SetResult result = SetChecker.check(history.ops());
        assertThat(result.valid()).isFalse();
        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.lostSample()).containsExactly("e2");
    }

    @Test
    void anAcknowledgedElementNeverReadBackCountsAsLost() {
        var history = new Histories(Family.SET).addElement("e1", Outcome.OK, 0, 1);
        SetResult result = SetChecker.check(history.ops());
        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.unread()).isEqualTo(1);
    }

    @Test
    void anElementWhoseAddDefinitelyFailedMustNotAppear() {
        var history = new Histories(Family.SET).addElement("e1", Outcome.FAILED, 0, 1).readElement("e1", true, 10, 11);
        SetResult result = SetChecker.check(history.ops());
        assertThat(result.valid()).isFalse();
        assertThat(result.unexpectedSample()).containsExactly("e1");
    }

    @Test
    void anAcknowledgedAddThatReplacedSomethingWasAppliedTwice() {
        var history = new Histories(Family.SET).addElementReplacing("e1", "e1", 0, 1).readElement("e1", true, 10, 11);
        SetResult result = SetChecker.check(history.ops());
        assertThat(result.valid()).isFalse();
        assertThat(result.unexpectedSample()).containsExactly("e1 (its add replaced e1)");
    }

    @Test
    void anElementNobodyAddedMustNotAppear() {
        var history = new Histories(Family.SET).readElement("ghost", true, 10, 11);
        assertThat(SetChecker.check(history.ops()).unexpected()).isEqualTo(1);
    }

    @Test
    void aCounterWithinItsBoundsIsValid() {
        var history = new Histories(Family.COUNTER).write("c", "0", 0, 1).cas("c", "0", "1", true, 2, 3)
                .unknownCas("c", "1", "2", 4, 5).cas("c", "1", "2", false, 4, 6).read("c", "2", 10, 11);
        CounterResult result = CounterChecker.check(history.ops()).getFirst();
        assertThat(result.valid()).isTrue();
        assertThat(result.lowerBound()).isEqualTo(1);
        assertThat(result.upperBound()).isEqualTo(2);
    }

    @Test
    void aDoubleAppliedIncrementExceedsTheUpperBound() {
        var history = new Histories(Family.COUNTER).write("c", "0", 0, 1).cas("c", "0", "1", true, 2, 3)
                .read("c", "2", 10, 11);
        CounterResult result = CounterChecker.check(history.ops()).getFirst();
        assertThat(result.valid()).isFalse();
        assertThat(result.excess()).isEqualTo(1);
        assertThat(result.lost()).isZero();
    }

    @Test
    void aLostIncrementFallsBelowTheLowerBound() {
        var history = new Histories(Family.COUNTER).write("c", "0", 0, 1).cas("c", "0", "1", true, 2, 3)
                .cas("c", "1", "2", true, 4, 5).read("c", "1", 10, 11);
        CounterResult result = CounterChecker.check(history.ops()).getFirst();
        assertThat(result.lost()).isEqualTo(1);
        CheckResult all = CheckResult.of(history.ops(), new LinearizabilityChecker());
        assertThat(all.lost()).isEqualTo(1);
        assertThat(all.linearizable()).isFalse();
        assertThat(all.passed()).isFalse();
    }
}
