package io.atolldb.node.storage;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a stream of bytes to a steady rate: after each chunk the caller waits as long as it is ahead of
 * {@code rate x elapsed time}. Unlike a token bucket it grants no burst at the start, so a 100 MB snapshot
 * written at 64 MiB/s takes 1.6 s from its first byte, not 0.4 s of full speed and then the rest.
 */
final class Pacer {
    /** Waits shorter than this are not worth a park; the debt carries over to the next check. */
    private static final long MIN_WAIT_NANOS = 1_000_000;

    private final double nanosPerByte;
    private final long started;
    private long bytes;

    /** A pacer at {@code bytesPerSecond}; {@code 0} or less: no pacing. */
    Pacer(long bytesPerSecond) {
        this.nanosPerByte = bytesPerSecond > 0 ? 1e9 / bytesPerSecond : 0;
        this.started = System.nanoTime();
    }

    /** Counts {@code n} more bytes and waits if the stream is ahead of its rate. */
    void account(long n) {
        bytes += n;
        if (nanosPerByte == 0) {
            return;
        }
        long ahead = started + (long) (bytes * nanosPerByte) - System.nanoTime();
        if (ahead >= MIN_WAIT_NANOS) {
            LockSupport.parkNanos(ahead);
        }
    }
}
