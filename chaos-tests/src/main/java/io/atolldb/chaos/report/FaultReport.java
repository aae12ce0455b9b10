package io.atolldb.chaos.report;

/**
 * One injected fault in a run's report: times in seconds since the start of the run, and the longest
 * wait for an operation invoked between this fault's start and the next one's (see
 * {@link Unavailability}), with the key it was on.
 */
public record FaultReport(int number, String kind, String target, double injectedAt, double healedAt,
                          double unavailableSeconds, String worstKey) {
}
