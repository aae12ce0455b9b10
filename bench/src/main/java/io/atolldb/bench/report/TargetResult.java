package io.atolldb.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Everything measured for one target in one run.
 *
 * @param target            atoll, ddblocal, ceiling or endpoint
 * @param durability        what an acknowledged write means there
 * @param loadSeconds       how long the load phase took
 * @param operations        successful requests in the measured phase
 * @param errors            failed requests in the measured phase
 * @param conflicts         read-modify-writes whose condition failed (another writer came first)
 * @param seconds           the measured phase's length, until its last request completed
 * @param throughput        successful requests per second
 * @param latency           over all operations
 * @param byKind            per operation kind that ran
 * @param cpuSecondsPer1000 CPU seconds the target used per 1,000 successful requests, -1 when not measurable
 * @param clientCpuSecondsPer1000 CPU seconds the load generator (this harness) used per 1,000 successful requests
 * @param peakMemoryMb      peak resident memory of the target's processes, -1 when not measurable
 * @param errorSamples      the first few error messages
 */
public record TargetResult(String target, String durability, double loadSeconds, long operations, long errors,
                           long conflicts, double seconds, double throughput, Percentiles latency,
                           Map<String, Percentiles> byKind, double cpuSecondsPer1000, double clientCpuSecondsPer1000,
                           double peakMemoryMb,
                           List<String> errorSamples) {
}
