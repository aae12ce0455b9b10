package io.atolldb.chaos.run;

import io.atolldb.chaos.history.Family;
import io.atolldb.chaos.nemesis.FaultKind;
import io.atolldb.chaos.nemesis.Schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How one chaos run goes.
 *
 * @param jar          the distribution jar the cluster's processes run
 * @param reportDir    where the history, the report and the cluster's logs go (created)
 * @param duration     how long the nemesis schedule lasts
 * @param faults       the kinds of faults to choose from (none: a run without faults)
 * @param workloads    which workloads the clients run
 * @param cas          whether register clients also compare-and-set (needs ConditionExpression)
 * @param opTimeout    when a client gives up on an operation (its outcome is then unknown)
 * @param registerKeys registers (items) the register workload spreads over
 * @param counterKeys  counters the counter workload spreads over
 */
public record ChaosConfig(Path jar, Path reportDir, Duration duration, long seed, List<FaultKind> faults,
                          Set<Family> workloads, boolean cas, int clients, int opsPerSecond, Duration opTimeout,
                          Schedule.Timing timing, int registerKeys, int counterKeys) {
    public ChaosConfig {
        faults = List.copyOf(faults);
        workloads = Set.copyOf(workloads);
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("at least one workload");
        }
        if (clients < 1 || opsPerSecond < 1 || registerKeys < 1 || counterKeys < 1) {
            throw new IllegalArgumentException("clients, rate and key counts must be positive");
        }
    }

    /** A run of the default workloads (registers and the set) with 8 clients at 100 operations/s. */
    public static ChaosConfig of(Path jar, Path reportDir, Duration duration, long seed, List<FaultKind> faults) {
        return new ChaosConfig(jar, reportDir, duration, seed, faults, Set.of(Family.REGISTER, Family.SET), false, 8, 100,
                Duration.ofSeconds(5), Schedule.Timing.DEFAULT, 8, 4);
    }

    public ChaosConfig withWorkloads(Set<Family> workloads, boolean cas) {
        return new ChaosConfig(jar, reportDir, duration, seed, faults, workloads, cas, clients, opsPerSecond, opTimeout,
                timing, registerKeys, counterKeys);
    }

    public ChaosConfig withClients(int clients, int opsPerSecond) {
        return new ChaosConfig(jar, reportDir, duration, seed, faults, workloads, cas, clients, opsPerSecond, opTimeout,
                timing, registerKeys, counterKeys);
    }

    public ChaosConfig withTiming(Schedule.Timing timing, Duration opTimeout) {
        return new ChaosConfig(jar, reportDir, duration, seed, faults, workloads, cas, clients, opsPerSecond, opTimeout,
                timing, registerKeys, counterKeys);
    }
}
