package io.atolldb.chaos.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Records the operations of many concurrent clients into one history. Each operation gets its index
 * and invocation time when it starts ({@link #begin}) and becomes an {@link Op} when it completes; every
 * completed operation is also appended to a {@link HistoryFile} at once, so a run that dies midway still
 * leaves its history behind. Thread-safe.
 */
public final class HistoryRecorder implements AutoCloseable {
    private final LongSupplier clock;
    private final HistoryFile.Writer sink;
    private final AtomicLong nextIndex = new AtomicLong();
    private final List<Op> ops = new ArrayList<>();

    /**
     * @param clock nanoseconds since the start of the run, monotonic
     * @param sink  where each completed operation is appended, or null to keep them in memory only
     */
    public HistoryRecorder(LongSupplier clock, HistoryFile.Writer sink) {
        this.clock = clock;
        this.sink = sink;
    }

    /** A recorder whose clock starts now. */
    public static HistoryRecorder startingNow(HistoryFile.Writer sink) {
        long start = System.nanoTime();
        return new HistoryRecorder(() -> System.nanoTime() - start, sink);
    }

    /** Nanoseconds since the start of the run on this history's clock. */
    public long now() {
        return clock.getAsLong();
    }

    /** Notes that a client invokes an operation; complete it with {@link Pending#complete}. */
    public Pending begin(int client, Family family, String key, OpKind kind, String value, String expected) {
        return new Pending(nextIndex.getAndIncrement(), client, family, key, kind, value, expected, clock.getAsLong());
    }

    /** Every operation completed so far, in index order. */
    public synchronized List<Op> ops() {
        List<Op> copy = new ArrayList<>(ops);
        copy.sort(Comparator.comparingLong(Op::index));
        return copy;
    }

    private synchronized Op add(Op op) {
        ops.add(op);
        if (sink != null) {
            try {
                sink.append(op);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the history file", e);
            }
        }
        return op;
    }

    @Override
    public synchronized void close() throws IOException {
        if (sink != null) {
            sink.close();
        }
    }

    /** An invoked operation waiting for its outcome. */
    public final class Pending {
        private final long index;
        private final int client;
        private final Family family;
        private final String key;
        private final OpKind kind;
        private final String value;
        private final String expected;
        private final long invokeNanos;

        private Pending(long index, int client, Family family, String key, OpKind kind, String value, String expected,
                        long invokeNanos) {
            this.index = index;
            this.client = client;
            this.family = family;
            this.key = key;
            this.kind = kind;
            this.value = value;
            this.expected = expected;
            this.invokeNanos = invokeNanos;
        }

        /** Completes the operation now and records it. */
        public Op complete(Outcome outcome, String result, String error) {
            long complete = Math.max(invokeNanos, clock.getAsLong());
            return add(new Op(index, client, family, key, kind, value, expected, outcome, result, invokeNanos, complete, error));
        }
    }
}
