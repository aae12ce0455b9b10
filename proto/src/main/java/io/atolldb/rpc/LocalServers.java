package io.atolldb.rpc;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.inprocess.InProcessServerBuilder;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC services this process serves, reachable by callers in the same process without a socket.
 * When one process hosts a router and storage nodes (`atoll dev`), every router-to-node call would
 * otherwise go through HTTP/2 framing, a loopback TCP connection and two Netty event loops; with the
 * in-process transport it stays a method call on protobuf messages. A service registers under its
 * network address, and {@link Channels} prefers the in-process channel for an address registered here.
 * Processes that host nothing callers use (a router alone, a node alone) behave exactly as before.
 */
public final class LocalServers {
    private static final ConcurrentMap<String, String> NAMES = new ConcurrentHashMap<>();

    private LocalServers() {
    }

    /** A service served in-process under its network address; closing it stops and unregisters it. */
    public static final class LocalServer implements AutoCloseable {
        private final String address;
        private final String name;
        private final Server server;

        private LocalServer(String address, String name, Server server) {
            this.address = address;
            this.name = name;
            this.server = server;
        }

        @Override
        public void close() {
            NAMES.remove(address, name);
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Serves {@code service} in-process for callers that dial {@code address} ("host:port").
     *
     * <p>Handlers of the methods in {@code inlineMethods} (full gRPC method names) run on the caller's
     * own thread instead of being handed to gRPC's executor: one thread switch less per call. Only
     * handlers that never block may be inline (they answer at once or from a future's callback); the
     * others keep the executor, so a slow one cannot hold up its caller beyond its deadline.
     */
    public static LocalServer serve(String address, BindableService service, int maxInboundMessageSize,
                                    Set<String> inlineMethods) throws IOException {
        // The same name for the same address across restarts: a caller's in-process channel to a node that
        // stopped and started again (in this process) reaches the new server instead of failing for good.
        String name = "atoll-local:" + address;
        Server server = InProcessServerBuilder.forName(name)
                .addService(service)
                .maxInboundMessageSize(maxInboundMessageSize)
                .callExecutor(new ServerCallExecutorSupplier() {
                    @Override
                    public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
                        // null: the server's default executor.
                        return inlineMethods.contains(call.getMethodDescriptor().getFullMethodName())
                                ? MoreExecutors.directExecutor() : null;
                    }
                })
                .build()
                .start();
        NAMES.put(address, name);
        return new LocalServer(address, name, server);
    }

    /** The in-process name serving {@code address}, or null when no service of this process does. */
    static String nameOf(String address) {
        return NAMES.get(address);
    }
}
