package io.atolldb.bench.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/** Every server the harness starts listens on the loopback address, on a port free when chosen. */
public final class Loopback {
    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls {@code ready} every 100 ms until it holds; fails with {@code what} if it does not within
     * {@code timeout} or {@code alive} stops holding (the server exited).
     */
    public static void await(String what, Duration timeout, BooleanSupplier alive, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException(what + ": the process exited");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not ready after " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }
}
