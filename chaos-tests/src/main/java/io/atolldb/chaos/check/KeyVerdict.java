package io.atolldb.chaos.check;

/**
 * The linearizability verdict for the operations on one key.
 *
 * @param operations  operations the search had to place (after dropping ones that cannot matter)
 * @param explanation for a failure, the operation that could not be placed and the state at the
 *                    deepest point the search reached; empty when linearizable
 */
public record KeyVerdict(String key, Verdict verdict, int operations, String explanation) {
    public boolean linearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }
}
