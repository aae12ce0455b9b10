package io.atolldb.metadata.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the operations this metadata replica ended while it led: {@code atoll_metadata_operations_ended_total}
 * by kind (split, move), reason (size, requested, heal, drain, balance) and outcome (done, failed).
 */
public final class OperationMetrics {
    private final MeterRegistry registry;
    private final String node;

    public OperationMetrics(MeterRegistry registry, String node) {
        this.registry = registry;
        this.node = node;
        // Every series exists from the start (at 0), so rates and dashboards see them before a first operation.
        for (String reason : java.util.List.of("size", "heat", "requested")) {
            counter("split", reason, true);
            counter("split", reason, false);
        }
        for (String reason : java.util.List.of("heal", "drain", "balance", "requested")) {
            counter("move", reason, true);
            counter("move", reason, false);
        }
    }

    /** A registry that counts nothing (tests). */
    public static OperationMetrics none() {
        return new OperationMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), "none");
    }

    void ended(String kind, String reason, boolean done) {
        counter(kind, reasonKind(reason), done).increment();
    }

    private Counter counter(String kind, String reason, boolean done) {
        return Counter.builder("atoll.metadata.operations.ended")
                .description("splits and moves this metadata replica ended while leading, by kind, reason and outcome")
                .tag("node", node).tag("kind", kind).tag("reason", reason).tag("outcome", done ? "done" : "failed")
                .register(registry);
    }

    /** The first word of an operation's reason ("size 12.0 MiB above ...", "heal: n1 is dead"): a bounded label. */
    static String reasonKind(String reason) {
        String word = reason.split("[ :]", 2)[0];
        return switch (word) {
            case "size", "heat", "requested", "heal", "drain", "balance" -> word;
            default -> "other";
        };
    }
}
