package io.atolldb.chaos.nemesis;

/**
 * A fault as it happened: what was hit, when it was injected and healed (nanoseconds since the start
 * of the run, on the history's clock; {@code healNanos} is -1 while active).
 */
public record FaultRecord(int number, FaultKind kind, String target, long injectNanos, long healNanos) {
    public FaultRecord healedAt(long nanos) {
        return new FaultRecord(number, kind, target, injectNanos, nanos);
    }

    public String describe() {
        return "#%d %s %s at %.1fs%s".formatted(number, kind.cliName(), target, injectNanos / 1e9,
                healNanos < 0 ? "" : ", healed at %.1fs".formatted(healNanos / 1e9));
    }
}
