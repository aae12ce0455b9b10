package io.atolldb.router.http;

import io.atolldb.router.api.ApiResponse;
import io.atolldb.router.api.DynamoApi;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import io.atolldb.router.api.Principal;
import io.atolldb.router.api.RequestContext;
import io.atolldb.router.auth.Authenticator;
import io.atolldb.router.auth.SignedRequest;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one connection: POST requests go to the {@link DynamoApi} on the request executor (never on the
 * event loop, since the backend blocks), once the {@link Authenticator} has accepted them as they arrived and
 * after their Content-Encoding is undone ({@link RequestBodies}): a body is decompressed only for a verified sender;
 * a CORS preflight gets its answer ({@link Cors}); GET answers a short health text. Responses leave in
 * request order even when a client pipelines requests. One instance per channel.
 */
final class DynamoRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String TARGET_HEADER = "X-Amz-Target";
    static final String HEALTH_TEXT = "AtollDB DynamoDB endpoint: OK\n";

    private static final Logger log = LoggerFactory.getLogger(DynamoRequestHandler.class);

    private final DynamoApi api;
    private final Authenticator authenticator;
    private final ExecutorService executor;
    private final RequestMetrics metrics;
    private final int maxBodyBytes;
    /** Completes when the previous request's response has been handed to the channel; event-loop only. */
    private CompletableFuture<Void> previousResponse = CompletableFuture.completedFuture(null);

    DynamoRequestHandler(DynamoApi api, Authenticator authenticator, ExecutorService executor, RequestMetrics metrics,
                         int maxBodyBytes) {
        this.api = api;
        this.authenticator = authenticator;
        this.executor = executor;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** An HTTP response with the labels its request is counted under. */
    private record Reply(FullHttpResponse http, String operation, String outcome) {
        static Reply of(ApiResponse answer, String requestId) {
            return new Reply(HttpResponses.api(answer, requestId), answer.operation(), answer.outcome());
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            sendInOrder(ctx, HttpResponses.text(HttpResponseStatus.BAD_REQUEST, "Bad request\n"), false);
        } else if (request.method().equals(HttpMethod.POST)) {
            serveApi(ctx, request, keepAlive);
        } else if (Cors.isPreflight(request)) {
            sendInOrder(ctx, Cors.preflight(request), keepAlive);
        } else if (request.method().equals(HttpMethod.GET)) {
            sendInOrder(ctx, "/".equals(request.uri())
                    ? HttpResponses.text(HttpResponseStatus.OK, HEALTH_TEXT)
                    : HttpResponses.text(HttpResponseStatus.NOT_FOUND, "Not found\n"), keepAlive);
        } else {
            FullHttpResponse response =
                    HttpResponses.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "Use POST (API) or GET (health)\n");
            response.headers().set(HttpHeaderNames.ALLOW, "GET, POST");
            sendInOrder(ctx, response, keepAlive);
        }
    }

    private void serveApi(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        long start = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        String target = request.headers().get(TARGET_HEADER);
        String encoding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        String endpoint = endpointReached(ctx, request);
        byte[] raw = ByteBufUtil.getBytes(request.content());
        SignedRequest signed = authenticator.verifiesSignatures() ? SignedRequests.of(request, raw) : null;
        CompletableFuture<Reply> answer;
        try {
            answer = CompletableFuture.supplyAsync(() -> answer(target, encoding, raw, signed, requestId, endpoint), executor);
        } catch (RejectedExecutionException e) {
            answer = CompletableFuture.completedFuture(Reply.of(api.error(api.operationName(target),
                    new DynamoException(ErrorType.ServiceUnavailable, "The router is shutting down")), requestId));
        }
        CompletableFuture<Reply> guarded = answer.exceptionally(failure -> {
            log.error("Request {} failed outside the API", requestId, failure);
            return Reply.of(api.error(api.operationName(target),
                    new DynamoException(ErrorType.InternalServerError, "Internal server error")), requestId);
        });
        inOrder(ctx, guarded, reply -> {
            HttpResponses.send(ctx, reply.http(), keepAlive);
            metrics.record(reply.operation(), reply.outcome(), start);
        });
    }

    /** Authenticates the request, decodes the body and runs the request; on a request thread. */
    private Reply answer(String target, String encoding, byte[] raw, SignedRequest signed, String requestId, String endpoint) {
        Principal principal;
        try {
            principal = signed == null ? Principal.ANYONE : authenticator.authenticate(signed);
        } catch (DynamoException refused) {
            metrics.rejected(refused.type());
            return Reply.of(api.error(api.operationName(target), refused), requestId);
        }
        byte[] body;
        try {
            body = RequestBodies.decode(encoding, raw, maxBodyBytes);
        } catch (RequestBodies.TooLarge e) {
            return new Reply(HttpResponses.tooLarge(), api.operationName(target), RequestMetrics.TOO_LARGE);
        } catch (RequestBodies.Undecodable e) {
            log.debug("Request {}: {}", requestId, e.getMessage(), e.getCause());
            // DynamoDB answers 500 InternalServerError to a body its Content-Encoding does not describe.
            return Reply.of(api.error(api.operationName(target),
                    new DynamoException(ErrorType.InternalServerError, e.getMessage())), requestId);
        }
        return Reply.of(api.handle(target, body, new RequestContext(requestId, endpoint, principal)), requestId);
    }

    /**
     * The address the client used to reach this server, as host:port: its Host header, or when it sent
     * none (HTTP/1.0) the local address of the connection.
     */
    static String endpointReached(ChannelHandlerContext ctx, HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host != null && !host.isBlank()) {
            return host.trim();
        }
        return NetUtil.toSocketAddressString((InetSocketAddress) ctx.channel().localAddress());
    }

    /**
     * Sends a response once it is ready and every earlier response on this connection has been sent.
     * The send always runs as a task of the channel's event loop: a write issued from another thread is
     * only queued there, so a later response written directly on the event loop (say, a health check
     * answered while the queued write waits behind the read that decoded it) would overtake it.
     */
    private <T> void inOrder(ChannelHandlerContext ctx, CompletableFuture<T> ready, Consumer<T> send) {
        previousResponse = previousResponse
                .thenCombine(ready, (ignored, value) -> value)
                .thenAcceptAsync(send, ctx.executor())
                .exceptionally(failure -> {
                    log.error("Could not send a response on {}; closing it", ctx.channel(), failure);
                    ctx.close();
                    return null;
                });
    }

    private void sendInOrder(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        inOrder(ctx, CompletableFuture.completedFuture(response), ready -> HttpResponses.send(ctx, ready, keepAlive));
    }

    /** A request the HTTP codec could not decode is answered as a SerializationException; the connection then closes. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && ctx.channel().isActive()) {
            log.debug("Undecodable request on {}", ctx.channel(), cause);
            ApiResponse answer = api.error(DynamoApi.UNKNOWN_OPERATION,
                    DynamoException.serialization("The request could not be decoded"));
            sendInOrder(ctx, HttpResponses.api(answer, UUID.randomUUID().toString()), false);
        } else {
            log.debug("Closing {} after an error", ctx.channel(), cause);
            ctx.close();
        }
    }
}
