package io.atolldb.router.http;

import io.atolldb.router.api.ApiResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Builds and sends HTTP responses. API responses carry what the AWS SDKs expect of DynamoDB: Content-Type
 * application/x-amz-json-1.0, x-amzn-RequestId, and x-amz-crc32 (the CRC32 of the body bytes as sent, which
 * the SDKs verify when present; {@link CompressedBodyChecksum} recomputes it when the body is compressed).
 * The headers every response carries (Date, Server, CORS) are added by {@link CommonHeaders}.
 */
final class HttpResponses {
    static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.0";
    static final String REQUEST_ID = "x-amzn-RequestId";
    static final String CRC32_HEADER = "x-amz-crc32";

    private HttpResponses() {}

    static FullHttpResponse api(ApiResponse answer, String requestId) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.httpStatus()), Unpooled.wrappedBuffer(answer.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, JSON_CONTENT_TYPE)
                .set(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                .set(REQUEST_ID, requestId)
                .set(CRC32_HEADER, Long.toString(crc32(answer.body())));
        return response;
    }

    static FullHttpResponse text(HttpResponseStatus status, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    /** A response without a body (a CORS preflight answer, a request too large). */
    static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }

    /**
     * A request over the size limit: HTTP 413 with an empty body, as DynamoDB answers (its HTTP front end
     * refuses the request before the service reads it, so there is no DynamoDB error type).
     */
    static FullHttpResponse tooLarge() {
        return empty(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
    }

    /** Writes {@code response}; closes the connection afterwards unless {@code keepAlive}. Safe from any thread. */
    static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        response.headers().set(HttpHeaderNames.CONNECTION,
                keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
