package io.atolldb.chaos.check;

import io.atolldb.chaos.history.Op;

import java.util.List;

/**
 * Every checker's verdict on one history: linearizability per register and counter key, the set's
 * durability, and the counters' bounds. {@link #passed()} is what a chaos run's exit status reports.
 */
public record CheckResult(List<KeyVerdict> keys, SetResult set, List<CounterResult> counters) {
    public CheckResult {
        keys = List.copyOf(keys);
        counters = List.copyOf(counters);
    }

    /** Runs every checker on {@code history}. */
    public static CheckResult of(List<Op> history, LinearizabilityChecker linearizability) {
        return new CheckResult(linearizability.check(history), SetChecker.check(history), CounterChecker.check(history));
    }

    /** True only when every key was proven linearizable (an undecided key is not). */
    public boolean linearizable() {
        return keys.stream().allMatch(KeyVerdict::linearizable);
    }

    /** Acknowledged writes missing afterwards: set elements plus counter increments. */
    public long lost() {
        return set.lost() + counters.stream().mapToLong(CounterResult::lost).sum();
    }

    public List<KeyVerdict> failures() {
        return keys.stream().filter(k -> !k.linearizable()).toList();
    }

    public boolean passed() {
        return linearizable() && set.valid() && counters.stream().allMatch(CounterResult::valid);
    }
}
