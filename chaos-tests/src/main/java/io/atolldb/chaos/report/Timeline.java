package io.atolldb.chaos.report;

import io.atolldb.chaos.history.Op;

import java.util.List;

/**
 * The clients' operations per one-second bin of the run, by outcome, counted when they complete (an
 * unknown operation when the client gave up on it). Setup and final reads (client &lt; 0) are left out:
 * they are not the workload's throughput. Immutable.
 */
public final class Timeline {
    private final int[] ok;
    private final int[] failed;
    private final int[] unknown;

    private Timeline(int[] ok, int[] failed, int[] unknown) {
        this.ok = ok;
        this.failed = failed;
        this.unknown = unknown;
    }

    public static Timeline of(List<Op> history) {
        int seconds = (int) (history.stream().mapToLong(Op::completeNanos).max().orElse(0) / 1_000_000_000L) + 1;
        int[] ok = new int[seconds];
        int[] failed = new int[seconds];
        int[] unknown = new int[seconds];
        for (Op op : history) {
            if (op.client() < 0) {
                continue;
            }
            int second = (int) (op.completeNanos() / 1_000_000_000L);
            switch (op.outcome()) {
                case OK -> ok[second]++;
                case FAILED -> failed[second]++;
                case UNKNOWN -> unknown[second]++;
            }
        }
        return new Timeline(ok, failed, unknown);
    }

    /** How many seconds the timeline spans. */
    public int seconds() {
        return ok.length;
    }

    public int ok(int second) {
        return ok[second];
    }

    public int failed(int second) {
        return failed[second];
    }

    public int unknown(int second) {
        return unknown[second];
    }
}
