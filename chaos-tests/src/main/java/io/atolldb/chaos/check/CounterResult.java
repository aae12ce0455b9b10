package io.atolldb.chaos.check;

/**
 * One counter's final value against the bounds its history allows: it started at {@code initial}, and
 * each acknowledged increment must be in it while each increment of unknown outcome may be.
 *
 * @param finalValue the latest successfully read value, null if no read succeeded at the end
 */
public record CounterResult(String key, long initial, long acknowledged, long unknown, Long finalValue) {
    public long lowerBound() {
        return initial + acknowledged;
    }

    public long upperBound() {
        return initial + acknowledged + unknown;
    }

    /** Acknowledged increments missing from the final value (all of them when it could not be read). */
    public long lost() {
        if (finalValue == null) {
            return acknowledged;
        }
        return Math.max(0, lowerBound() - finalValue);
    }

    /** Increments counted that no client could have made: a retry applied twice, or a phantom write. */
    public long excess() {
        return finalValue == null ? 0 : Math.max(0, finalValue - upperBound());
    }

    public boolean valid() {
        return finalValue != null && lost() == 0 && excess() == 0;
    }
}
