package io.atolldb.chaos.check;

import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.Op;
import io.atolldb.chaos.history.OpKind;
import io.atolldb.chaos.history.Outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the counter workload's final values: a counter is set once (the first successful WRITE, its
 * initial value) and then only incremented by one with compare-and-set; its latest successful read
 * must lie between the initial value plus the acknowledged increments and that plus the increments of
 * unknown outcome. (The same history is also checked for linearizability as a register.)
 */
public final class CounterChecker {
    private CounterChecker() {
    }

    public static List<CounterResult> check(List<Op> history) {
        Map<String, List<Op>> byKey = new LinkedHashMap<>();
        for (Op op : history) {
            if (op.family() == Family.COUNTER) {
                byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        List<CounterResult> results = new ArrayList<>();
        byKey.forEach((key, ops) -> results.add(checkKey(key, ops)));
        return results;
    }

    private static CounterResult checkKey(String key, List<Op> ops) {
        long initial = ops.stream().filter(op -> op.kind() == OpKind.WRITE && op.succeeded()).findFirst()
                .map(op -> Long.parseLong(op.value())).orElse(0L);
        long acknowledged = ops.stream().filter(Op::applied).count();
        long unknown = ops.stream().filter(op -> op.kind() == OpKind.CAS && op.outcome() == Outcome.UNKNOWN).count();
        Long finalValue = ops.stream().filter(op -> op.kind() == OpKind.READ && op.succeeded())
                .reduce((a, b) -> a.completeNanos() >= b.completeNanos() ? a : b)
                .map(op -> op.result() == null ? 0L : Long.parseLong(op.result()))
                .orElse(null);
        return new CounterResult(key, initial, acknowledged, unknown, finalValue);
    }
}
