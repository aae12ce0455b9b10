package io.atolldb.router.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Sits after Netty's HttpContentCompressor (closer to the socket) and puts a compressed response back into
 * one message whose {@code x-amz-crc32} is the CRC32 of the compressed bytes: DynamoDB computes it over the
 * body as sent, and the SDKs check it before they decompress. The compressor turns one full response into
 * a head, content chunks and a last chunk; this handler holds them until the last one, then writes a full
 * response with the checksum and the compressed Content-Length. Uncompressed responses pass untouched (their
 * checksum is already right). One instance per channel.
 */
final class CompressedBodyChecksum extends ChannelOutboundHandlerAdapter {
    private HttpResponse head;
    private CompositeByteBuf body;
    private final List<ChannelPromise> promises = new ArrayList<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (head == null) {
            if (msg instanceof HttpResponse response && !(msg instanceof FullHttpResponse)
                    && response.headers().contains(HttpHeaderNames.CONTENT_ENCODING)) {
                head = response;
                body = ctx.alloc().compositeBuffer();
                promises.add(promise);
            } else {
                ctx.write(msg, promise);
            }
            return;
        }
        HttpContent chunk = (HttpContent) msg;
        body.addComponent(true, chunk.content().retain());
        chunk.release();
        promises.add(promise);
        if (msg instanceof LastHttpContent) {
            writeWhole(ctx);
        }
    }

    private void writeWhole(ChannelHandlerContext ctx) {
        FullHttpResponse whole = new DefaultFullHttpResponse(head.protocolVersion(), head.status(), body);
        whole.headers().set(head.headers())
                .remove(HttpHeaderNames.TRANSFER_ENCODING)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpResponses.CRC32_HEADER, Long.toString(crc32(body)));
        List<ChannelPromise> waiting = List.copyOf(promises);
        head = null;
        body = null;
        promises.clear();
        ctx.write(whole).addListener(written -> waiting.forEach(promise -> {
            if (written.isSuccess()) {
                promise.trySuccess();
            } else {
                promise.tryFailure(written.cause());
            }
        }));
    }

    private static long crc32(ByteBuf bytes) {
        CRC32 crc = new CRC32();
        for (ByteBuffer part : bytes.nioBuffers()) {
            crc.update(part);
        }
        return crc.getValue();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (body != null) {
            body.release();
            body = null;
            promises.forEach(promise -> promise.tryFailure(new java.nio.channels.ClosedChannelException()));
            promises.clear();
        }
    }
}
