package io.atolldb.chaos.check;

import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.OpKind;
import io.atolldb.chaos.history.Outcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the set workload: each element is its own item, added once ({@link OpKind#ADD}) and read
 * back after the faults healed ({@link OpKind#READ}, the latest successful read of the element's key
 * counts). Every acknowledged element must be present; nothing may be present that was never added or
 * whose ADD definitely failed; elements of unknown outcome may be either. An acknowledged ADD must not
 * have replaced anything (elements are new): if it did, it was applied twice.
 */
public final class SetChecker {
    /** How many offending elements a result names. */
    public static final int SAMPLE = 20;

    private SetChecker() {
    }

    public static SetResult check(List<Op> history) {
        Map<String, Op> addByKey = new HashMap<>();
        Map<String, Op> lastRead = new HashMap<>();
        for (Op op : history) {
            if (op.family() != Family.SET) {
                continue;
            }
            if (op.kind() == OpKind.ADD) {
                addByKey.merge(op.key(), op, SetChecker::strongest);
            } else if (op.kind() == OpKind.READ && op.succeeded()) {
                lastRead.merge(op.key(), op, (a, b) -> a.completeNanos() >= b.completeNanos() ? a : b);
            }
        }
        int acknowledged = 0;
        int recovered = 0;
        int unread = 0;
        List<String> lost = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (Op add : addByKey.values()) {
            Op read = lastRead.get(add.key());
            boolean present = read != null && read.result() != null;
            if (read == null) {
                unread++;
            }
            switch (add.outcome()) {
                case OK -> {
                    acknowledged++;
                    if (add.result() != null) {
                        // A new element replaced something: its add was applied twice, or its key reused.
                        unexpected.add(add.value() + " (its add replaced " + add.result() + ")");
                    }
                    if (!present || !Objects.equals(read.result(), add.value())) {
                        lost.add(add.value());
                    }
                }
                case UNKNOWN -> recovered += present ? 1 : 0;
                case FAILED -> {
                    if (present) {
                        unexpected.add(add.value());
                    }
                }
            }
        }
        for (Op read : lastRead.values()) {
            Op add = addByKey.get(read.key());
            if (read.result() != null && (add == null || !Objects.equals(add.value(), read.result()))) {
                unexpected.add(read.result());
            }
        }
        lost.sort(null);
        unexpected.sort(null);
        return new SetResult(addByKey.size(), acknowledged, lost.size(), sample(lost), unexpected.size(),
                sample(unexpected), recovered, unread);
    }

    /** Of two ADDs of one element (there should be one), the one that says most: OK over UNKNOWN over FAILED. */
    private static Op strongest(Op a, Op b) {
        return rank(a.outcome()) >= rank(b.outcome()) ? a : b;
    }

    private static int rank(Outcome outcome) {
        return switch (outcome) {
            case OK -> 2;
            case UNKNOWN -> 1;
            case FAILED -> 0;
        };
    }

    private static List<String> sample(List<String> values) {
        return List.copyOf(values.subList(0, Math.min(SAMPLE, values.size())));
    }
}
