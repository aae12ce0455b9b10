package io.atolldb.bench.driver;

import java.util.concurrent.locks.LockSupport;

/** The driver's clock: a monotonic time and a way to wait until a time. Tests pass a virtual one. */
public interface Ticker {
    long nanoTime();

    /** Returns at or after {@code deadline} (immediately when it has passed). */
    void parkUntil(long deadline);

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long deadline) {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
            }
        }
    };
}
