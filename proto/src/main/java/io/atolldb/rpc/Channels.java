package io.atolldb.rpc;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC channel per remote address, reused by every call (a channel multiplexes many calls over
 * one HTTP/2 connection; to a service of this same process, see {@link LocalServers}, an in-process
 * channel). Closing the pool shuts every channel down.
 */
public final class Channels implements AutoCloseable {
    private final ConcurrentHashMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    /** The channel to {@code address} ("host:port"), created on first use. */
    public ManagedChannel get(String address) {
        return channels.computeIfAbsent(address, Channels::open);
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
