package io.atolldb.chaos.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, reproducible nemesis schedule: a quiet gap, a fault held for a few seconds, healed, a gap
 * for recovery, the next fault, and so on until the duration is used up; faults never overlap. The
 * same seed, kinds and timings give the same schedule.
 *
 * @param faults in order of their start
 */
public record Schedule(long seed, Duration duration, List<PlannedFault> faults) {
    /** How long faults are held and how long the cluster recovers between them. */
    public record Timing(Duration minHold, Duration maxHold, Duration minGap, Duration maxGap) {
        /** Faults of 5-10 s, with 5-10 s to recover in between. */
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(10));

        public Timing {
            if (minHold.compareTo(maxHold) > 0 || minGap.compareTo(maxGap) > 0 || minHold.isZero() || minGap.isNegative()) {
                throw new IllegalArgumentException("invalid timing " + minHold + ".." + maxHold + ", " + minGap + ".." + maxGap);
            }
        }
    }

    public Schedule {
        faults = List.copyOf(faults);
    }

    /** Plans faults of the given kinds, uniformly chosen, within {@code duration}. */
    public static Schedule generate(long seed, List<FaultKind> kinds, Duration duration, Timing timing) {
        if (kinds.isEmpty()) {
            return new Schedule(seed, duration, List.of());
        }
        Random random = new Random(seed);
        List<PlannedFault> faults = new ArrayList<>();
        Duration at = between(random, timing.minGap(), timing.maxGap());
        while (true) {
            FaultKind kind = kinds.get(random.nextInt(kinds.size()));
            Duration hold = between(random, timing.minHold(), timing.maxHold());
            long pick = random.nextLong() & Long.MAX_VALUE;
            if (at.plus(hold).compareTo(duration) > 0) {
                break;
            }
            faults.add(new PlannedFault(faults.size() + 1, at, kind, hold, pick));
            at = at.plus(hold).plus(between(random, timing.minGap(), timing.maxGap()));
        }
        return new Schedule(seed, duration, faults);
    }

    private static Duration between(Random random, Duration min, Duration max) {
        long span = max.toMillis() - min.toMillis();
        return min.plusMillis(span == 0 ? 0 : random.nextLong(span + 1));
    }
}
