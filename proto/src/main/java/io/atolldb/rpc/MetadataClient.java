package io.atolldb.rpc;

import io.atolldb.proto.MetadataError;
import io.atolldb.proto.MetadataServiceGrpc;
import io.atolldb.proto.MetadataServiceGrpc.MetadataServiceBlockingStub;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Calls the metadata service, following its leader. Any metadata replica may be asked first; one
 * that is not the leader answers NOT_LEADER with the leader's address, and the call goes there.
 * Unreachable replicas and elections are retried with jittered backoff until the deadline.
 * Errors other than NOT_LEADER and UNAVAILABLE are returned to the caller in the response.
 */
public final class MetadataClient {
    private final List<String> addresses;
    private final Channels channels;
    private final Duration deadline;
    private volatile String preferred;

    public MetadataClient(List<String> addresses, Channels channels, Duration deadline) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one metadata address is needed");
        }
        this.addresses = List.copyOf(addresses);
        this.channels = channels;
        this.deadline = deadline;
        this.preferred = this.addresses.getFirst();
    }

    public List<String> addresses() {
        return addresses;
    }

    /**
     * Runs {@code call} against the metadata leader. {@code errorOf} extracts the response's
     * MetadataError (every metadata response has one).
     *
     * @throws MetadataUnavailableException when no leader answered before the deadline
     */
    public <T> T call(Function<MetadataServiceBlockingStub, T> call, Function<T, MetadataError> errorOf) {
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        String target = preferred;
        int attempt = 0;
        String lastProblem = "no attempt";
        while (true) {
            try {
                var stub = MetadataServiceGrpc.newBlockingStub(channels.get(target))
                        .withDeadlineAfter(Math.max(1, Math.min(2_000_000_000L, deadlineNanos - System.nanoTime())), TimeUnit.NANOSECONDS);
                T response = call.apply(stub);
                MetadataError error = errorOf.apply(response);
                switch (error.getCode()) {
                    case NOT_LEADER -> {
                        lastProblem = target + " is not the metadata leader";
                        target = error.getLeaderAddress().isEmpty() ? next(target) : error.getLeaderAddress();
                    }
                    case UNAVAILABLE -> {
                        lastProblem = target + ": " + error.getMessage();
                        target = next(target);
                    }
                    default -> {
                        preferred = target;
                        return response;
                    }
                }
            } catch (StatusRuntimeException e) {
                lastProblem = target + ": " + e.getStatus();
                target = next(target);
            }
            if (System.nanoTime() >= deadlineNanos) {
                throw new MetadataUnavailableException("metadata service unavailable: " + lastProblem);
            }
            backOff(attempt++);
        }
    }

    private String next(String address) {
        int i = addresses.indexOf(address);
        return addresses.get((i + 1) % addresses.size());
    }

    private static void backOff(int attempt) {
        long maxMillis = Math.min(500, 20L << Math.min(attempt, 5));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(maxMillis / 2, maxMillis + 1)));
    }

    /** No metadata leader answered within the deadline. */
    public static final class MetadataUnavailableException extends RuntimeException {
        public MetadataUnavailableException(String message) {
            super(message);
        }
    }
}
