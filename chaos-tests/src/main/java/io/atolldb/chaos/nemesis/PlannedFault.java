package io.atolldb.chaos.nemesis;

import java.time.Duration;

/**
 * One fault of a schedule: injected {@code at} after the schedule starts and healed {@code hold} later.
 * {@code pick} chooses the target among the candidates found when it is injected (which partition's
 * leader, which zone), so the same seed makes the same choices on a cluster in the same state.
 */
public record PlannedFault(int number, Duration at, FaultKind kind, Duration hold, long pick) {
    public PlannedFault {
        if (at.isNegative() || hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("a fault starts at or after zero and lasts a while");
        }
    }

    public Duration end() {
        return at.plus(hold);
    }
}
