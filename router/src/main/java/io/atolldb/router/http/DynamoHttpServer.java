package io.atolldb.router.http;

import io.atolldb.router.api.DynamoApi;
import io.atolldb.router.api.DynamoService;
import io.atolldb.router.auth.Authenticator;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The DynamoDB HTTP endpoint: HTTP/1.1 with keep-alive, POST / with X-Amz-Target and a JSON body (gzip
 * or deflate request bodies are decoded), at most {@value #MAX_REQUEST_BYTES} bytes per request as in
 * DynamoDB (HTTP 413 beyond). Responses of {@value #COMPRESSION_THRESHOLD_BYTES} bytes or more are
 * compressed when the client accepts gzip or deflate, as DynamoDB does. Every response carries Date,
 * Server and x-amzn-RequestId, and CORS headers for browsers ({@link Cors}). Netty threads only move
 * bytes; each request runs on its own virtual thread. GET / answers a health text.
 *
 * <p>Signatures: with {@link Authenticator#acceptAll()} (the default) any credentials are accepted, as in DynamoDB
 * Local; with a {@link io.atolldb.router.auth.SigV4Verifier} every API request and every operator request under
 * {@code /atoll/admin/} must carry a valid AWS Signature Version 4, checked on the request as it arrived, before
 * its body is decompressed or parsed. GET / (the health text) and CORS preflights stay open: they carry no data.
 *
 * <p>The pipeline, socket side first: HTTP codec, {@link CommonHeaders}, {@link CompressedBodyChecksum},
 * Netty's HttpContentCompressor, {@link SizeLimitedAggregator}, {@link DynamoRequestHandler}.
 *
 * <p>Start with {@link #start}; {@link #close} stops accepting, lets requests in flight finish (up to a
 * few seconds), and releases every thread.
 */
public final class DynamoHttpServer implements AutoCloseable {
    /** DynamoDB's limit on the size of one HTTP request. */
    public static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    /** Responses this large or larger are compressed when the client accepts it; smaller ones never are. */
    public static final int COMPRESSION_THRESHOLD_BYTES = 4096;

    private static final long SHUTDOWN_SECONDS = 5;

    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final ExecutorService requestExecutor;
    private final Channel serverChannel;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DynamoHttpServer(
            EventLoopGroup acceptGroup, EventLoopGroup ioGroup, ExecutorService requestExecutor, Channel serverChannel) {
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
        this.requestExecutor = requestExecutor;
        this.serverChannel = serverChannel;
    }

    /** Serves {@code service} in region {@value DynamoApi#DEFAULT_REGION} on {@code host:port} (port 0 = any free port). */
    public static DynamoHttpServer start(String host, int port, DynamoService service, MeterRegistry registry) {
        return start(host, port, new DynamoApi(service), registry);
    }

    /** Serves an already configured API (e.g. with another region) on {@code host:port}. */
    public static DynamoHttpServer start(String host, int port, DynamoApi api, MeterRegistry registry) {
        return start(host, port, api, null, registry);
    }

    /**
     * As {@link #start(String, int, DynamoApi, MeterRegistry)}, also answering operator requests under
     * {@code /atoll/admin/} from {@code admin} (none when null).
     */
    public static DynamoHttpServer start(String host, int port, DynamoApi api, io.atolldb.router.admin.ClusterAdmin admin,
                                         MeterRegistry registry) {
        return start(host, port, api, admin, Authenticator.acceptAll(), registry);
    }

    /**
     * As {@link #start(String, int, DynamoApi, io.atolldb.router.admin.ClusterAdmin, MeterRegistry)}, accepting only
     * requests that {@code authenticator} accepts.
     */
    public static DynamoHttpServer start(String host, int port, DynamoApi api, io.atolldb.router.admin.ClusterAdmin admin,
                                         Authenticator authenticator, MeterRegistry registry) {
        EventLoopGroup acceptGroup = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("atoll-http-accept"), NioIoHandler.newFactory());
        EventLoopGroup ioGroup = new MultiThreadIoEventLoopGroup(
                0, new DefaultThreadFactory("atoll-http-io"), NioIoHandler.newFactory());
        ExecutorService requestExecutor =
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("atoll-request-", 0).factory());
        RequestMetrics metrics = new RequestMetrics(registry);
        try {
            Channel channel = new ServerBootstrap()
                    .group(acceptGroup, ioGroup)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new HttpServerCodec())
                                    .addLast(new CommonHeaders())
                                    .addLast(new CompressedBodyChecksum())
                                    .addLast(new HttpContentCompressor(COMPRESSION_THRESHOLD_BYTES,
                                            StandardCompressionOptions.gzip(), StandardCompressionOptions.deflate()))
                                    .addLast(new SizeLimitedAggregator(MAX_REQUEST_BYTES, api, metrics));
                            if (admin != null) {
                                ch.pipeline().addLast(new AdminRequestHandler(admin, authenticator, requestExecutor, metrics));
                            }
                            ch.pipeline().addLast(
                                    new DynamoRequestHandler(api, authenticator, requestExecutor, metrics, MAX_REQUEST_BYTES));
                        }
                    })
                    .bind(host, port)
                    .syncUninterruptibly()
                    .channel();
            return new DynamoHttpServer(acceptGroup, ioGroup, requestExecutor, channel);
        } catch (RuntimeException e) {
            shutdown(acceptGroup, ioGroup, requestExecutor);
            throw e;
        }
    }

    /** The port actually bound (useful after starting on port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops the server; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        shutdown(acceptGroup, ioGroup, requestExecutor);
    }

    private static void shutdown(EventLoopGroup acceptGroup, EventLoopGroup ioGroup, ExecutorService requestExecutor) {
        requestExecutor.shutdown();
        try {
            if (!requestExecutor.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                requestExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            requestExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        acceptGroup.shutdownGracefully(0, SHUTDOWN_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, SHUTDOWN_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
