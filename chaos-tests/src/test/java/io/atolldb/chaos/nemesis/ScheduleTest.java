package io.atolldb.chaos.nemesis;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The nemesis schedule is a pure function of its seed, and its faults fit and never overlap. */
class ScheduleTest {
    private static final List<FaultKind> KINDS = List.of(FaultKind.KILL, FaultKind.PAUSE, FaultKind.PARTITION);

    @Test
    void theSameSeedPlansTheSameScheduleAndAnotherSeedAnother() {
        var first = Schedule.generate(42, KINDS, Duration.ofMinutes(5), Schedule.Timing.DEFAULT);
        var again = Schedule.generate(42, KINDS, Duration.ofMinutes(5), Schedule.Timing.DEFAULT);
        var other = Schedule.generate(43, KINDS, Duration.ofMinutes(5), Schedule.Timing.DEFAULT);
        assertThat(again).isEqualTo(first);
        assertThat(other.faults()).isNotEqualTo(first.faults());
    }

    @Test
    void faultsFitTheDurationDoNotOverlapAndUseOnlyTheGivenKinds() {
        var timing = Schedule.Timing.DEFAULT;
        var schedule = Schedule.generate(7, KINDS, Duration.ofMinutes(10), timing);
        assertThat(schedule.faults()).hasSizeGreaterThan(20);
        Duration previousEnd = Duration.ZERO;
        for (PlannedFault fault : schedule.faults()) {
            assertThat(fault.kind()).isIn(KINDS);
            assertThat(fault.at().minus(previousEnd)).isBetween(timing.minGap(), timing.maxGap());
            assertThat(fault.hold()).isBetween(timing.minHold(), timing.maxHold());
            previousEnd = fault.end();
        }
        assertThat(previousEnd).isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(schedule.faults()).extracting(PlannedFault::kind).containsAll(KINDS);
    }

    @Test
    void noKindsOrNoTimeMeansNoFaults() {
        assertThat(Schedule.generate(1, List.of(), Duration.ofMinutes(5), Schedule.Timing.DEFAULT).faults()).isEmpty();
        assertThat(Schedule.generate(1, KINDS, Duration.ofSeconds(3), Schedule.Timing.DEFAULT).faults()).isEmpty();
    }

    @Test
    void faultKindsParseByTheirCommandLineNames() {
        assertThat(FaultKind.parse(" Partition ")).isEqualTo(FaultKind.PARTITION);
        assertThat(FaultKind.DEFAULTS).extracting(FaultKind::cliName).containsExactly("kill", "pause", "partition", "zone", "meta", "split", "move");
        assertThatThrownBy(() -> FaultKind.parse("meteor")).hasMessageContaining("unknown fault 'meteor'").hasMessageContaining("throttle");
    }
}
