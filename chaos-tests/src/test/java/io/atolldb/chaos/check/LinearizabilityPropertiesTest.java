package io.atolldb.chaos.check;

import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.OpKind;
import io.atolldb.chaos.history.Outcome;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random histories of a simulated atomic register: each operation takes effect at one instant between
 * its invocation and its response (or, if its outcome is unknown, possibly never), so every such
 * history is linearizable; planting a read of a value never written makes it not.
 */
class LinearizabilityPropertiesTest {
    private static final List<OpKind> KINDS = List.of(OpKind.READ, OpKind.WRITE, OpKind.SWAP, OpKind.CAS);

    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    @Property(tries = 200)
    void historiesOfAnAtomicRegisterAreLinearizable(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int length) {
        List<Op> history = simulate(new Random(seed), length);
        assertThat(checker.checkKey("k", history).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Property(tries = 200)
    void aReadOfAValueNeverWrittenIsCaught(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int length) {
        Random random = new Random(seed);
        List<Op> history = new ArrayList<>(simulate(random, length));
        long at = random.nextLong(length * 10L + 1) * 1_000_000;
        history.add(new Op(history.size(), 9, Family.REGISTER, "k", OpKind.READ, null, null, Outcome.OK, "never-written",
                at, at + 1_000_000, null));
        assertThat(checker.checkKey("k", history).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Property(tries = 300)
    void droppingUnobservedUnknownWritesNeverChangesTheVerdict(@ForAll long seed,
                                                               @ForAll @IntRange(min = 1, max = 10) int length) {
        List<Op> history = scramble(new Random(seed), simulate(new Random(seed), length));
        List<Op> constraining = history.stream().filter(RegisterModel::constrains).toList();
        Verdict full = WglSearch.search(constraining, Long.MAX_VALUE).verdict();
        Verdict pruned = WglSearch.search(LinearizabilityChecker.relevant(history), Long.MAX_VALUE).verdict();
        assertThat(pruned).isEqualTo(full);
    }

    /** A history of one register whose operations take effect at increasing instants, 10 ms apart. */
    static List<Op> simulate(Random random, int length) {
        List<Op> ops = new ArrayList<>();
        String state = null;
        for (int i = 0; i < length; i++) {
            long instant = (i + 1) * 10L;
            long invoke = instant - random.nextInt(40);
            long complete = instant + random.nextInt(40);
            boolean unknown = random.nextInt(5) == 0;
            boolean happened = !unknown || random.nextBoolean();
            String value = "v" + i;
            String expected = random.nextBoolean() ? state : "v" + random.nextInt(i + 1);
            OpKind kind = KINDS.get(random.nextInt(KINDS.size()));
            String result = null;
            if (kind == OpKind.READ) {
                result = state;
            } else if (kind == OpKind.WRITE || kind == OpKind.SWAP) {
                result = kind == OpKind.SWAP ? state : null;
                if (happened) {
                    state = value;
                }
            } else {
                boolean holds = Objects.equals(state, expected);
                result = holds ? Op.APPLIED : Op.REJECTED;
                if (happened && holds) {
                    state = value;
                }
            }
            ops.add(new Op(i, i % 3, Family.REGISTER, "k", kind, kind == OpKind.READ ? null : value,
                    kind == OpKind.CAS ? expected : null, unknown ? Outcome.UNKNOWN : Outcome.OK, unknown ? null : result,
                    Math.max(0, invoke) * 1_000_000, complete * 1_000_000, null));
        }
        return ops;
    }

    /** Replaces some read results with other written values, so that some histories are not linearizable. */
    private static List<Op> scramble(Random random, List<Op> ops) {
        List<Op> scrambled = new ArrayList<>();
        for (Op op : ops) {
            if ((op.kind() == OpKind.READ || op.kind() == OpKind.SWAP) && op.succeeded() && random.nextInt(3) == 0) {
                String other = random.nextInt(4) == 0 ? null : "v" + random.nextInt(ops.size());
                scrambled.add(new Op(op.index(), op.client(), op.family(), op.key(), op.kind(), op.value(), op.expected(),
                        op.outcome(), other, op.invokeNanos(), op.completeNanos(), op.error()));
            } else {
                scrambled.add(op);
            }
        }
        return scrambled;
    }
}
