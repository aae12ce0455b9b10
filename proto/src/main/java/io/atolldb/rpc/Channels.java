package io.atolldb.rpc;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC channel per remote address, reused by every call (a channel multiplexes many calls over
 * one HTTP/2 connection; to a service of this same process, see {@link LocalServers}, an in-process
 * channel). Closing the pool shuts every channel down, and no channel is handed out after that.
 */
public final class Channels implements AutoCloseable {
    private final ConcurrentHashMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    /** Set first thing in {@link #close()}: no channel is handed out afterwards, so none outlives the pool. */
    private volatile boolean closed;

    /**
     * The channel to {@code address} ("host:port"), created on first use.
     *
     * @throws IllegalStateException once the pool is closed (a late caller, such as a periodic task
     *                               still running while its owner shuts down)
     */
    public ManagedChannel get(String address) {
        requireOpen();
        ManagedChannel channel = channels.computeIfAbsent(address, Channels::open);
        if (closed) {
            // close() may have shut the pool's channels down before this one was added.
            channel.shutdownNow();
            requireOpen();
        }
        return channel;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the channel pool is closed");
        }
    }

    private static ManagedChannel open(String address) {
        String local = LocalServers.nameOf(address);
        if (local != null) {
            return InProcessChannelBuilder.forName(local).maxInboundMessageSize(64 * 1024 * 1024).build();
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("address must be host:port, got " + address);
        }
        return NettyChannelBuilder.forAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
                .usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024)
                .keepAliveTime(30, TimeUnit.SECONDS)
                .build();
    }

    @Override
    public void close() {
        closed = true;
        channels.values().forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel channel : channels.values()) {
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        channels.clear();
    }
}
