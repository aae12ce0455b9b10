package io.atolldb.chaos.report;

import java.util.Locale;

/** The numbers a chaos run ends with, and the one line that reports them. */
public record RunSummary(long ops, long ok, long failed, long unknown, int faults, long lost, boolean linearizable,
                         double maxUnavailableSeconds) {
    /** True when nothing was lost and the history was proven linearizable. */
    public boolean passed() {
        return lost == 0 && linearizable;
    }

    /** {@code chaos: ops=N ok=N failed=N unknown=N faults=N lost=N linearizable=yes|no max-unavailable=Xs} */
    public String line() {
        return String.format(Locale.ROOT, "chaos: ops=%d ok=%d failed=%d unknown=%d faults=%d lost=%d linearizable=%s max-unavailable=%.1fs",
                ops, ok, failed, unknown, faults, lost, linearizable ? "yes" : "no", maxUnavailableSeconds);
    }
}
