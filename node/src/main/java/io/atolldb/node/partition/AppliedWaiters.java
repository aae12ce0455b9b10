package io.atolldb.node.partition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Futures completed once a replica has applied a given log index: an eventually consistent read that
 * must see the router's newest acknowledged write waits here the millisecond or so a follower needs to
 * apply it. Completed on the applying thread; never blocks it for more than a queue poll.
 */
final class AppliedWaiters {
    /** Beyond this many waiting reads a replica answers "behind" at once (it is not catching up). */
    static final int MAX_WAITING = 10_000;

    private record Waiter(long index, CompletableFuture<Void> reached) {
    }

    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(Comparator.comparingLong(Waiter::index));
    /** Whether {@link #waiting} may hold something: the applying thread's fast path reads only this. */
    private volatile boolean any;

    /**
     * Completes when {@code applied} reaches {@code index}: at once if it has; failed at once when too
     * many reads already wait.
     */
    CompletableFuture<Void> await(long index, LongSupplier applied) {
        synchronized (this) {
            if (applied.getAsLong() >= index) {
                return CompletableFuture.completedFuture(null);
            }
            if (waiting.size() >= MAX_WAITING) {
                waiting.removeIf(w -> w.reached().isDone()); // given up on meanwhile
            }
            if (waiting.size() >= MAX_WAITING) {
                return CompletableFuture.failedFuture(new IllegalStateException("too many reads wait for this replica"));
            }
            var reached = new CompletableFuture<Void>();
            waiting.add(new Waiter(index, reached));
            any = true;
            return reached;
        }
    }

    /** Called after the applied index became {@code applied}. */
    void reached(long applied) {
        if (!any) {
            return;
        }
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        synchronized (this) {
            while (!waiting.isEmpty() && waiting.peek().index() <= applied) {
                ready.add(waiting.poll().reached());
            }
            any = !waiting.isEmpty();
        }
        ready.forEach(f -> f.complete(null));
    }
}
