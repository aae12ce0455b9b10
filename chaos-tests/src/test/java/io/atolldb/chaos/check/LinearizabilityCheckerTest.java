package io.atolldb.chaos.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Known-good and known-bad register histories, judged by the WGL search. */
class LinearizabilityCheckerTest {
    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    private KeyVerdict verdict(Histories history) {
        List<KeyVerdict> verdicts = checker.check(history.ops());
        assertThat(verdicts).hasSize(1);
        return verdicts.getFirst();
    }

    @Test
    void sequentialWritesAndReadsOfTheLatestValueAreLinearizable() {
        var history = Histories.registers().read("k", null, 0, 1).write("k", "a", 2, 3).read("k", "a", 4, 5)
                .write("k", "b", 6, 7).read("k", "b", 8, 9);
        assertThat(verdict(history).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void aStaleReadAfterANewerWriteCompletedIsNotLinearizable() {
        var history = Histories.registers().write("k", "a", 0, 1).write("k", "b", 2, 3).read("k", "a", 4, 5);
        KeyVerdict verdict = verdict(history);
        assertThat(verdict.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(verdict.explanation()).contains("READ -> \"a\"");
    }

    @Test
    void readsConcurrentWithAWriteMaySeeEitherValueButNotGoBack() {
        var ok = Histories.registers().write("k", "a", 0, 1).write("k", "b", 2, 10)
                .read("k", "b", 3, 4).read("k", "b", 5, 6);
        assertThat(verdict(ok).verdict()).isEqualTo(Verdict.LINEARIZABLE);
        var either = Histories.registers().write("k", "a", 0, 1).write("k", "b", 2, 10).read("k", "a", 3, 4);
        assertThat(verdict(either).verdict()).isEqualTo(Verdict.LINEARIZABLE);
        var backwards = Histories.registers().write("k", "a", 0, 1).write("k", "b", 2, 10)
                .read("k", "b", 3, 4).read("k", "a", 5, 6);
        assertThat(verdict(backwards).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void anAcknowledgedWriteMissingFromALaterReadIsALostWrite() {
        var history = Histories.registers().write("k", "a", 0, 1).read("k", "a", 2, 3).write("k", "b", 4, 5)
                .read("k", "a", 100, 101);
        assertThat(verdict(history).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        var vanished = Histories.registers().write("k", "a", 0, 1).read("k", null, 100, 101);
        assertThat(verdict(vanished).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void aReadOfAValueNobodyWroteIsNotLinearizable() {
        var history = Histories.registers().write("k", "a", 0, 1).read("k", "z", 2, 3);
        assertThat(verdict(history).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void aWriteOfUnknownOutcomeMayTakeEffectLateOrNever() {
        var late = Histories.registers().write("k", "a", 0, 1).unknownWrite("k", "u", 2, 3)
                .read("k", "a", 10, 11).read("k", "u", 20, 21);
        assertThat(verdict(late).verdict()).isEqualTo(Verdict.LINEARIZABLE);
        var never = Histories.registers().write("k", "a", 0, 1).unknownWrite("k", "u", 2, 3).read("k", "a", 50, 51);
        assertThat(verdict(never).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void aWriteOfUnknownOutcomeTakesEffectOnceSoItsValueCannotComeBack() {
        var history = Histories.registers().write("k", "a", 0, 1).unknownWrite("k", "u", 2, 3)
                .read("k", "u", 10, 11).write("k", "b", 12, 13).read("k", "u", 20, 21);
        assertThat(verdict(history).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void eachSwapReplacesTheLatestValue() {
        var history = Histories.registers().swap("k", "a", null, 0, 1).swap("k", "b", "a", 2, 3)
                .swap("k", "c", "b", 4, 10).swap("k", "d", "c", 5, 11).read("k", "d", 12, 13);
        assertThat(verdict(history).verdict()).isEqualTo(Verdict.LINEARIZABLE);
        var skipped = Histories.registers().swap("k", "a", null, 0, 1).swap("k", "b", "a", 2, 3).swap("k", "c", "a", 4, 5);
        assertThat(verdict(skipped).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void aSwapThatReplacedItsOwnValueWasAppliedTwice() {
        // A retried write applied twice: the second application finds the first one's value.
        var history = Histories.registers().swap("k", "a", null, 0, 1).swap("k", "b", "b", 2, 3);
        KeyVerdict verdict = verdict(history);
        assertThat(verdict.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(verdict.explanation()).contains("a write applied twice: #1 c1 k SWAP \"b\" replacing \"b\"");
    }

    @Test
    void aSwapOfUnknownOutcomeMayHaveHappened() {
        var history = Histories.registers().swap("k", "a", null, 0, 1).unknownSwap("k", "u", 2, 3)
                .swap("k", "b", "u", 10, 11);
        assertThat(verdict(history).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void aWriteThatDefinitelyFailedMustNeverBeSeen() {
        var history = Histories.registers().write("k", "a", 0, 1).failedWrite("k", "f", 2, 3).read("k", "f", 4, 5);
        assertThat(verdict(history).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void compareAndSetAppliesOnlyWhenTheConditionHolds() {
        var good = Histories.registers().write("k", "a", 0, 1).cas("k", "a", "b", true, 2, 3)
                .cas("k", "a", "c", false, 4, 5).read("k", "b", 6, 7);
        assertThat(verdict(good).verdict()).isEqualTo(Verdict.LINEARIZABLE);
        var appliedOnStale = Histories.registers().write("k", "a", 0, 1).write("k", "b", 2, 3)
                .cas("k", "a", "c", true, 4, 5);
        assertThat(verdict(appliedOnStale).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        var rejectedThoughEqual = Histories.registers().write("k", "a", 0, 1).cas("k", "a", "c", false, 2, 3);
        assertThat(verdict(rejectedThoughEqual).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void compareAndSetOnAnAbsentItemExpectsNull() {
        var history = Histories.registers().cas("k", null, "a", true, 0, 1).cas("k", null, "b", false, 2, 3)
                .read("k", "a", 4, 5);
        assertThat(verdict(history).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void aDoubleAppliedIncrementIsNotLinearizable() {
        var history = new Histories(io.atolldb.chaos.history.Family.COUNTER).write("c", "0", 0, 1)
                .cas("c", "0", "1", true, 2, 3).read("c", "1", 4, 5).read("c", "2", 6, 7);
        assertThat(verdict(history).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void keysAreJudgedIndependently() {
        var history = Histories.registers().write("x", "a", 0, 1).read("x", "a", 2, 3)
                .write("y", "a", 0, 1).write("y", "b", 2, 3).read("y", "a", 4, 5);
        List<KeyVerdict> verdicts = checker.check(history.ops());
        assertThat(verdicts).extracting(KeyVerdict::key, KeyVerdict::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("x", Verdict.LINEARIZABLE),
                        org.assertj.core.groups.Tuple.tuple("y", Verdict.NOT_LINEARIZABLE));
    }

    @Test
    void aSearchThatRunsOutOfBudgetIsUndecidedNotLinearizable() {
        var history = Histories.registers();
        for (int i = 0; i < 30; i++) {
            history.write("k", "v" + i, 0, 1000);
        }
        history.read("k", "v0", 2000, 2001);
        KeyVerdict verdict = new LinearizabilityChecker(10).check(history.ops()).getFirst();
        assertThat(verdict.verdict()).isEqualTo(Verdict.UNDECIDED);
        assertThat(verdict.linearizable()).isFalse();
    }

    @Test
    void unknownWritesNobodyObservedAreDroppedBeforeTheSearch() {
        var history = Histories.registers().write("k", "a", 0, 1).unknownWrite("k", "u1", 2, 3)
                .unknownWrite("k", "u2", 2, 3).read("k", "u2", 5, 6).read("k", null, 7, 8);
        assertThat(LinearizabilityChecker.relevant(history.ops()))
                .extracting(op -> op.kind() + ":" + op.value() + ":" + op.result())
                .containsExactly("WRITE:a:null", "WRITE:u2:null", "READ:null:u2", "READ:null:null");
    }
}
