package io.atolldb.chaos.report;

import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.history.Op;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How long clients waited for the database: for an operation invoked at time t on a key, the wait is
 * the time from t until some operation on that key next succeeded (the set's adds all count as one
 * key: any successful add). The longest wait over the operations invoked in a window is that window's
 * unavailability: about the operation latency when nothing is wrong, about the time to notice the
 * loss of a partition's leader, elect another and reroute when it is lost.
 *
 * <p>Only the sampled operations count (the availability probes, when a run has them): probes ask
 * every partition at a steady pace, while workload clients may all be stuck on one partition and stop
 * sampling the others.
 */
public final class Unavailability {
    /** The longest wait in a window, and the key it was on. */
    public record Wait(long nanos, String key) {
        static final Wait NONE = new Wait(0, "");
    }

    private final Map<String, long[]> successes = new HashMap<>();
    private final Map<String, List<Op>> invocations = new HashMap<>();
    private final long endNanos;

    /**
     * @param sampled  which operations to measure with
     * @param endNanos when the history ends: a key that never succeeds again waits until then
     */
    public Unavailability(List<Op> history, Predicate<Op> sampled, long endNanos) {
        this.endNanos = endNanos;
        for (Op op : history) {
            if (sampled.test(op)) {
                invocations.computeIfAbsent(availabilityKey(op), k -> new ArrayList<>()).add(op);
            }
        }
        invocations.forEach((key, ops) ->
                successes.put(key, ops.stream().filter(Op::succeeded).mapToLong(Op::completeNanos).sorted().toArray()));
    }

    /** The longest wait of an operation invoked in {@code [fromNanos, toNanos)}. */
    public Wait longestWait(long fromNanos, long toNanos) {
        Wait longest = Wait.NONE;
        for (Map.Entry<String, List<Op>> entry : invocations.entrySet()) {
            long[] done = successes.get(entry.getKey());
            for (Op op : entry.getValue()) {
                if (op.invokeNanos() >= fromNanos && op.invokeNanos() < toNanos) {
                    long wait = nextSuccess(done, op.invokeNanos()) - op.invokeNanos();
                    if (wait > longest.nanos()) {
                        longest = new Wait(wait, entry.getKey());
                    }
                }
            }
        }
        return longest;
    }

    private long nextSuccess(long[] done, long from) {
        int at = Arrays.binarySearch(done, from);
        int index = at >= 0 ? at : -at - 1;
        return index < done.length ? done[index] : Math.max(endNanos, from);
    }

    private static String availabilityKey(Op op) {
        return op.family() == Family.SET ? "set" : op.key();
    }
}
