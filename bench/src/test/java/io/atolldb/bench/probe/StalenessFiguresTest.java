package io.atolldb.bench.probe;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The staleness probe's arithmetic: the fresh share, lag percentiles, and the nodes' lag histogram. */
class StalenessFiguresTest {

    @Test
    void freshReadsCountAsNoLagAndStaleOnesByHowLongTheyTook() {
        // 100 reads, 2 stale: seen 3 ms and 40 ms after the acknowledgement.
        var result = new StalenessProbe.Result(100, 98, List.of(3_000_000L, 40_000_000L),
                List.of(1_000_000L, 2_000_000L, 60_000_000L, 2_000_000L), List.of(0L, 0L, 45_000_000L, 1_000_000L));
        assertThat(result.freshShare()).isEqualTo(0.98);
        assertThat(result.lagMillis(50)).isZero();
        assertThat(result.lagMillis(98)).isZero();
        assertThat(result.lagMillis(99)).isEqualTo(3.0);
        assertThat(result.lagMillis(100)).isEqualTo(40.0);
        assertThat(result.maxLagMillis()).isEqualTo(40.0);
        assertThat(result.everywhereMillis(50)).isEqualTo(2.0);
        assertThat(result.everywhereMillis(99)).isEqualTo(60.0);
        assertThat(result.appliedMillis(50)).isEqualTo(0.0);
        assertThat(result.appliedMillis(75)).isEqualTo(1.0);
        assertThat(result.appliedMillis(99)).isEqualTo(45.0);
        assertThat(new StalenessProbe.Result(1, 1, List.of(), List.of(), List.of()).everywhereMillis(99)).isNaN();
        assertThat(new StalenessProbe.Result(1, 1, List.of(), List.of(), List.of()).appliedMillis(99)).isNaN();

        var merged = StalenessProbe.Result.merge(List.of(result, new StalenessProbe.Result(100, 100, List.of(), List.of(), List.of(7_000_000L))));
        assertThat(merged.reads()).isEqualTo(200);
        assertThat(merged.freshShare()).isEqualTo(0.99);
        assertThat(merged.appliedNanos()).hasSize(5);
    }

    @Test
    void aWriteIsAppliedEverywhereWhenEveryReplicaHoldsItAtTheLatestReplicasApplyTime() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var all = json.readTree("""
                {"replicas": [
                  {"node": "a", "item": {"v": {"N": "1"}}, "applied": {"index": 7, "atMicros": 1000}},
                  {"node": "b", "item": {"v": {"N": "1"}}, "applied": {"index": 7, "atMicros": 1250}},
                  {"node": "c", "item": {"v": {"N": "1"}}, "applied": {"index": 7, "atMicros": 1100}}]}""");
        var oneBehind = json.readTree("""
                {"replicas": [
                  {"node": "a", "item": {"v": {"N": "1"}}, "applied": {"index": 7, "atMicros": 1000}},
                  {"node": "b", "item": {"v": {"N": "0"}}, "applied": {"index": 6, "atMicros": 900}}]}""");
        var oneSilent = json.readTree("""
                {"replicas": [
                  {"node": "a", "item": {"v": {"N": "1"}}, "applied": {"index": 7, "atMicros": 1000}},
                  {"node": "b", "error": "UNAVAILABLE"}]}""");

        assertThat(ReplicaPoller.appliedEverywhere(all, "v", "1")).hasValue(1250);
        assertThat(ReplicaPoller.appliedEverywhere(oneBehind, "v", "1")).isEmpty();
        assertThat(ReplicaPoller.appliedEverywhere(oneSilent, "v", "1")).isEmpty();
        assertThat(ReplicaPoller.appliedEverywhere(json.readTree("{}"), "v", "1")).isEmpty();
    }

    @Test
    void theNodesHistogramIsSummedOverNodesAndDiffedBetweenReadings() {
        String before = """
                # TYPE atoll_replica_visibility_lag_seconds histogram
                atoll_replica_visibility_lag_seconds_bucket{node="node-a",role="dev",zone="a",le="0.02"} 10
                atoll_replica_visibility_lag_seconds_bucket{node="node-a",role="dev",zone="a",le="0.05"} 10
                atoll_replica_visibility_lag_seconds_bucket{node="node-a",role="dev",zone="a",le="+Inf"} 10
                atoll_replica_visibility_lag_seconds_count{node="node-a",role="dev",zone="a"} 10
                """;
        String after = """
                atoll_replica_visibility_lag_seconds_bucket{node="node-a",role="dev",zone="a",le="0.02"} 100
                atoll_replica_visibility_lag_seconds_bucket{node="node-a",role="dev",zone="a",le="0.05"} 108
                atoll_replica_visibility_lag_seconds_bucket{node="node-a",role="dev",zone="a",le="+Inf"} 110
                atoll_replica_visibility_lag_seconds_bucket{node="node-b",role="dev",zone="b",le="0.02"} 100
                atoll_replica_visibility_lag_seconds_bucket{node="node-b",role="dev",zone="b",le="0.05"} 100
                atoll_replica_visibility_lag_seconds_bucket{node="node-b",role="dev",zone="b",le="+Inf"} 100
                atoll_other_bucket{le="0.02"} 5
                """;
        var lag = ReplicaLag.parse(after).since(ReplicaLag.parse(before));
        assertThat(lag.count()).isEqualTo(200);
        assertThat(lag.shareWithin(0.02)).isCloseTo(190 / 200.0, within(1e-9));
        assertThat(lag.shareWithin(0.05)).isCloseTo(198 / 200.0, within(1e-9));
        assertThat(lag.boundMillis(95)).isEqualTo(20.0);
        assertThat(lag.boundMillis(99)).isEqualTo(50.0);
        assertThat(lag.boundMillis(99.5)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
