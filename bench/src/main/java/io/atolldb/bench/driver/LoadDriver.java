package io.atolldb.bench.driver;

import io.atolldb.bench.workload.KeyChooser;
import io.atolldb.bench.workload.OpKind;
import io.atolldb.bench.workload.Workload;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Offers a workload's requests to one target for a while, from one issuing thread, and records how long
 * each took.
 *
 * <p>Closed loop: at most {@code clients} requests in flight; a request is timed from when it is sent.
 * Open loop: request i is due at {@code start + i / rate}; it is timed from that intended start, not from
 * when it could be sent, so a stall of the target shows in the latency of every request that should have
 * been sent during it (no coordinated omission).
 */
public final class LoadDriver {
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final Workload workload;
    private final KeyChooser keys;
    private final LoadShape shape;
    private final Ticker ticker;
    private final SplittableRandom random;

    public LoadDriver(Workload workload, KeyChooser keys, LoadShape shape, Ticker ticker, long seed) {
        this.workload = workload;
        this.keys = keys;
        this.shape = shape;
        this.ticker = ticker;
        this.random = new SplittableRandom(seed);
    }

    /** Runs one phase of {@code duration}, then waits (up to 30 s) for the requests still in flight. */
    public PhaseResult run(Operations operations, Duration duration) throws InterruptedException {
        var recorder = new LatencyRecorder();
        var inFlight = new Semaphore(shape.clients());
        long start = ticker.nanoTime();
        long end = start + duration.toNanos();
        long issued = 0;
        double interval = shape.openLoop() ? 1e9 / shape.rate() : 0;
        while (true) {
            long sentAt;
            long timedFrom;
            if (shape.openLoop()) {
                long intended = start + (long) (issued * interval);
                if (intended >= end) {
                    break;
                }
                ticker.parkUntil(intended);
                inFlight.acquire();
                timedFrom = intended;
            } else {
                inFlight.acquire();
                sentAt = ticker.nanoTime();
                if (sentAt >= end) {
                    inFlight.release();
                    break;
                }
                timedFrom = sentAt;
            }
            issue(operations, recorder, inFlight, timedFrom);
            issued++;
        }
        if (!inFlight.tryAcquire(shape.clients(), DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("requests still in flight " + DRAIN.toSeconds() + " s after the phase ended");
        }
        long last = recorder.lastCompletion();
        long finished = last == Long.MIN_VALUE ? end : Math.max(last, end);
        return new PhaseResult(recorder, issued, finished - start);
    }

    private void issue(Operations operations, LatencyRecorder recorder, Semaphore inFlight, long timedFrom) {
        OpKind kind = workload.next(random);
        long record = keys.next(random);
        int payload = random.nextInt();
        CompletableFuture<?> request;
        try {
            request = switch (kind) {
                case READ -> operations.read(record);
                case UPDATE -> operations.update(record, payload);
                case PUT -> operations.put(record, payload);
                case READ_MODIFY_WRITE -> operations.readModifyWrite(record, payload);
            };
        } catch (RuntimeException e) {
            request = CompletableFuture.failedFuture(e);
        }
        request.whenComplete((value, error) -> {
            long now = ticker.nanoTime();
            if (error == null) {
                recorder.success(kind, now - timedFrom, now);
                if (value == Operations.Outcome.CONFLICT) {
                    recorder.conflict();
                }
            } else {
                recorder.failure(kind, error, now);
            }
            inFlight.release();
        });
    }
}
