package io.atolldb.chaos.check;

import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.OpKind;
import io.atolldb.chaos.history.Outcome;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that every key of a register-like history (registers and counters) behaved like one atomic
 * register: reads see the latest write, compare-and-set decides on the latest value. Keys are
 * independent (linearizability is compositional), so each key is searched on its own.
 *
 * <p>Operations that cannot constrain the search are dropped first: definite failures (no effect),
 * reads of unknown outcome (nothing was learned), and, on keys without rejected compare-and-sets,
 * writes of unknown outcome whose value nobody ever observed (no read returned it, no swap replaced
 * it, no compare-and-set expected it). The last rule is sound: such a write can
 * always be taken out of a linearization (no read or condition saw its value, so nothing depended on
 * it), and put back at the very end; it keeps searches small when faults leave many writes unknown.
 */
public final class LinearizabilityChecker {
    /** Default search budget per key; generous for the histories a chaos run produces. */
    public static final long DEFAULT_MAX_STEPS = 20_000_000;

    private final long maxStepsPerKey;

    public LinearizabilityChecker() {
        this(DEFAULT_MAX_STEPS);
    }

    public LinearizabilityChecker(long maxStepsPerKey) {
        this.maxStepsPerKey = maxStepsPerKey;
    }

    /** One verdict per key of the REGISTER and COUNTER operations in {@code history}, in key order of first use. */
    public List<KeyVerdict> check(List<Op> history) {
        Map<String, List<Op>> byKey = new LinkedHashMap<>();
        for (Op op : history) {
            if (op.family() != Family.SET) {
                byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        List<KeyVerdict> verdicts = new ArrayList<>();
        byKey.forEach((key, ops) -> verdicts.add(checkKey(key, ops)));
        return verdicts;
    }

    /** The verdict for the operations on one key. */
    public KeyVerdict checkKey(String key, List<Op> ops) {
        List<Op> relevant = relevant(ops);
        WglSearch.Result result = WglSearch.search(relevant, maxStepsPerKey);
        if (result.explanation().isEmpty()) {
            return new KeyVerdict(key, result.verdict(), relevant.size(), "");
        }
        // Values are unique, so a swap that replaced its own value is the clearest witness: applied twice.
        String appliedTwice = relevant.stream()
                .filter(op -> op.kind() == OpKind.SWAP && op.succeeded() && op.value() != null && op.value().equals(op.result()))
                .findFirst().map(op -> "; a write applied twice: " + op.describe()).orElse("");
        return new KeyVerdict(key, result.verdict(), relevant.size(), key + ": " + result.explanation() + appliedTwice);
    }

    /** The operations the search must place, per the rules in the class comment. */
    static List<Op> relevant(List<Op> ops) {
        List<Op> constraining = ops.stream().filter(RegisterModel::constrains).toList();
        boolean anyRejected = constraining.stream().anyMatch(Op::rejected);
        if (anyRejected) {
            return constraining;
        }
        Set<String> observed = new HashSet<>();
        for (Op op : constraining) {
            if ((op.kind() == OpKind.READ || op.kind() == OpKind.SWAP) && op.succeeded() && op.result() != null) {
                observed.add(op.result());
            } else if (op.kind() == OpKind.CAS && op.expected() != null) {
                observed.add(op.expected());
            }
        }
        return constraining.stream()
                .filter(op -> op.outcome() != Outcome.UNKNOWN || op.value() == null || observed.contains(op.value()))
                .toList();
    }
}
