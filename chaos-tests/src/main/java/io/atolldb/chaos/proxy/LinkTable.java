package io.atolldb.chaos.proxy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The current fault of every directed link (links not named pass). Pipes wait here while their link
 * is dropped and are woken by every change. Thread-safe.
 */
final class LinkTable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Link, LinkFault> faults = new HashMap<>();

    LinkFault get(Link link) {
        lock.lock();
        try {
            return faults.getOrDefault(link, LinkFault.PASS);
        } finally {
            lock.unlock();
        }
    }

    void set(Link link, LinkFault fault) {
        lock.lock();
        try {
            if (fault instanceof LinkFault.Pass) {
                faults.remove(link);
            } else {
                faults.put(link, fault);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            faults.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    Map<Link, LinkFault> snapshot() {
        lock.lock();
        try {
            return Map.copyOf(faults);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter, e.g. after a connection closed, so it can notice. */
    void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Blocks while {@code link} is dropped, until it is not or {@code stop} says to give up. */
    void awaitDeliverable(Link link, BooleanSupplier stop) throws InterruptedException {
        lock.lock();
        try {
            while (faults.get(link) instanceof LinkFault.Drop && !stop.getAsBoolean()) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }
}
