package io.atolldb.router.http;

import io.atolldb.router.api.DynamoApi;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Aggregates a request into one message of at most {@code maxBytes} (as sent: a compressed body is limited
 * again once decoded, see {@link RequestBodies}). A bigger request is answered at once with HTTP 413 and an
 * empty body, as DynamoDB answers it, before any of its body is parsed. The rest of its body is read and
 * dropped, and the connection is closed when it ends (or after
 * {@value #DRAIN_SECONDS} seconds): closing with unread bytes would reset the connection and could destroy
 * the error response before the client reads it.
 */
final class SizeLimitedAggregator extends HttpObjectAggregator {
    static final long DRAIN_SECONDS = 10;

    private final DynamoApi api;
    private final RequestMetrics metrics;
    private boolean closeAtEndOfRequest;

    SizeLimitedAggregator(int maxBytes, DynamoApi api, RequestMetrics metrics) {
        super(maxBytes);
        this.api = api;
        this.metrics = metrics;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse response = tooLarge(oversized);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response);
        closeAtEndOfRequest = true;
        ctx.executor().schedule(() -> ctx.close(), DRAIN_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * A client that sends "Expect: 100-continue" with a too large Content-Length gets the same 413 (with
     * the headers every response carries) and never sends the body; the connection stays usable.
     */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof HttpResponse refusal
                && refusal.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
            ReferenceCountUtil.release(refusal);
            return tooLarge(start);
        }
        return response;
    }

    private FullHttpResponse tooLarge(HttpMessage request) {
        long start = System.nanoTime();
        String operation = api.operationName(request.headers().get(DynamoRequestHandler.TARGET_HEADER));
        metrics.record(operation, RequestMetrics.TOO_LARGE, start);
        return HttpResponses.tooLarge();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        boolean endOfRequest = msg instanceof LastHttpContent;
        super.channelRead(ctx, msg);
        if (endOfRequest && closeAtEndOfRequest) {
            ctx.close();
        }
    }
}
