package io.atolldb.router.http;

import io.atolldb.router.api.ErrorType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Records every API request in the Timer {@value #TIMER}, tagged with the operation (a supported
 * operation's name or "unknown") and the outcome ("ok", the DynamoDB error type, or {@value #TOO_LARGE}), so that Prometheus
 * shows request rates and latency per operation and errors by type. Both tags have bounded values.
 *
 * <p>Requests refused by authentication, API and operator ({@code /atoll/admin/}) requests alike, are also counted in
 * {@value #REJECTED}, tagged with the error type (MissingAuthenticationTokenException, InvalidSignatureException, ...):
 * a rise there is a client with a wrong key or clock, or someone guessing.
 */
final class RequestMetrics {
    static final String TIMER = "atoll.router.requests";
    /** The outcome of a request refused for its size (HTTP 413, which has no DynamoDB error type). */
    static final String TOO_LARGE = "RequestEntityTooLarge";
    static final String REJECTED = "atoll.router.auth.rejected";

    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String operation, String outcome, long startNanos) {
        Timer.builder(TIMER)
                .description("DynamoDB API requests served by this router")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** Counts one request that authentication refused with {@code type}. */
    void rejected(ErrorType type) {
        Counter.builder(REJECTED)
                .description("Requests refused by signature verification, by DynamoDB error type")
                .tag("type", type.name())
                .register(registry)
                .increment();
    }
}
