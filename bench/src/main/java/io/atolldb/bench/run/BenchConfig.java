package io.atolldb.bench.run;

import io.atolldb.bench.driver.LoadShape;
import io.atolldb.bench.workload.Distribution;
import io.atolldb.bench.workload.Workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Everything one run needs to know, checked once. */
public record BenchConfig(Workload workload, Duration warmup, Duration duration, LoadShape shape, long records,
                          int itemSize, Distribution distribution, boolean consistentReads, long seed,
                          OptionalInt atollPartitions) {
    public BenchConfig {
        if (atollPartitions.isPresent() && (atollPartitions.getAsInt() < 1 || atollPartitions.getAsInt() > 64)) {
            throw new IllegalArgumentException("--partitions must be 1-64, got " + atollPartitions.getAsInt());
        }
        if (records < 1) {
            throw new IllegalArgumentException("--records must be at least 1, got " + records);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
    }

    /** The settings as "name=value", for the report. */
    public List<String> describe() {
        var settings = new ArrayList<>(List.of("workload=" + workload, "warmup=" + warmup.toSeconds() + "s", "duration=" + duration.toSeconds() + "s",
                "load=" + shape.describe(), "records=" + records, "item-size=" + itemSize + "B",
                "distribution=" + distribution.name().toLowerCase(java.util.Locale.ROOT),
                "reads=" + (consistentReads ? "strongly consistent" : "eventually consistent"), "seed=" + seed));
        atollPartitions.ifPresent(n -> settings.add("atoll-partitions=" + n));
        return List.copyOf(settings);
    }
}
