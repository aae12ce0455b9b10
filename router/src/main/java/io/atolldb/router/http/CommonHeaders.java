package io.atolldb.router.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Queue;
import java.util.UUID;

/**
 * Adds what every DynamoDB response carries, whichever handler wrote it (the API, the size limit, a
 * decoding error, the health text): {@code Date}, {@code Server: Server} (DynamoDB's value), an
 * {@code x-amzn-RequestId} when the response has none yet, and the CORS headers ({@link Cors}) when the
 * request came with an Origin header.
 *
 * <p>Responses leave in the order their requests came ({@link DynamoRequestHandler} keeps that order, and
 * every request gets exactly one final response), so the oldest request not yet answered is the one a
 * response belongs to: a queue remembers, per request, whether it was cross-origin. Informational (1xx)
 * responses such as 100 Continue precede a final one and take nothing from the queue. One instance per
 * channel, used on its event loop only.
 */
final class CommonHeaders extends ChannelDuplexHandler {
    /** DynamoDB's Server header says just this. */
    static final String SERVER = "Server";

    private final Queue<Boolean> crossOrigin = new ArrayDeque<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            crossOrigin.add(Cors.isCrossOrigin(request));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            HttpHeaders headers = response.headers();
            headers.set(HttpHeaderNames.DATE, DateFormatter.format(new Date()))
                    .set(HttpHeaderNames.SERVER, SERVER);
            if (!headers.contains(HttpResponses.REQUEST_ID)) {
                headers.set(HttpResponses.REQUEST_ID, UUID.randomUUID().toString());
            }
            if (Boolean.TRUE.equals(crossOrigin.poll())) {
                Cors.allowOrigin(headers);
            }
        }
        ctx.write(msg, promise);
    }
}
