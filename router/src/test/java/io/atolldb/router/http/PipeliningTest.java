package io.atolldb.router.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.model.KeySchema;
import io.atolldb.router.api.AttributeDefinition;
import io.atolldb.router.api.BillingMode;
import io.atolldb.router.api.CreateTableRequest;
import io.atolldb.router.api.TableDescription;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 pipelining on one kept-alive connection, encoded and decoded with Netty's client codec. */
class PipeliningTest {

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderTheyArrivedEvenWhenTheFirstIsSlower() throws Exception {
        CountDownLatch fastServed = new CountDownLatch(1);
        InMemoryDynamoService service = new InMemoryDynamoService() {
            @Override
            public TableDescription describeTable(String tableName) {
                if (tableName.equals("Slow")) {
                    awaitQuietly(fastServed);
                    return super.describeTable(tableName);
                }
                try {
                    return super.describeTable(tableName);
                } finally {
                    fastServed.countDown();
                }
            }
        };
        service.createTable(table("Slow"));
        service.createTable(table("Fast"));

        List<FullHttpResponse> responses;
        try (DynamoHttpServer server = DynamoHttpServer.start("127.0.0.1", 0, service, new SimpleMeterRegistry());
                Socket socket = new Socket("127.0.0.1", server.port())) {
            responses = exchange(socket, describe("Slow"), describe("Fast"));
        }

        assertThat(responses).hasSize(2);
        assertThat(responses.get(0).content().toString(StandardCharsets.UTF_8)).contains("\"TableName\":\"Slow\"");
        assertThat(responses.get(1).content().toString(StandardCharsets.UTF_8)).contains("\"TableName\":\"Fast\"");
        assertThat(fastServed.getCount()).isZero();
        responses.forEach(FullHttpResponse::release);
    }

    @Test
    void aHealthCheckPipelinedBehindAnApiRequestIsAnsweredAfterIt() throws Exception {
        InMemoryDynamoService service = new InMemoryDynamoService();
        service.createTable(table("Fast"));

        List<FullHttpResponse> responses;
        try (DynamoHttpServer server = DynamoHttpServer.start("127.0.0.1", 0, service, new SimpleMeterRegistry());
                Socket socket = new Socket("127.0.0.1", server.port())) {
            responses = exchange(socket, describe("Fast"), health(), describe("Fast"), health());
        }

        assertThat(responses).extracting(r -> r.content().toString(StandardCharsets.UTF_8))
                .satisfiesExactly(
                        first -> assertThat(first).contains("\"TableName\":\"Fast\""),
                        second -> assertThat(second).isEqualTo(DynamoRequestHandler.HEALTH_TEXT),
                        third -> assertThat(third).contains("\"TableName\":\"Fast\""),
                        fourth -> assertThat(fourth).isEqualTo(DynamoRequestHandler.HEALTH_TEXT));
        responses.forEach(FullHttpResponse::release);
    }

    /** Each response carries the CORS headers of its own request, however the requests are pipelined. */
    @Test
    void pipelinedResponsesCarryTheCorsHeadersOfTheirOwnRequests() throws Exception {
        InMemoryDynamoService service = new InMemoryDynamoService();
        service.createTable(table("Fast"));

        List<FullHttpResponse> responses;
        try (DynamoHttpServer server = DynamoHttpServer.start("127.0.0.1", 0, service, new SimpleMeterRegistry());
                Socket socket = new Socket("127.0.0.1", server.port())) {
            responses = exchange(socket, fromOrigin(describe("Fast")), describe("Fast"), fromOrigin(health()), health(),
                    describe("Fast"), fromOrigin(describe("Fast")));
        }

        assertThat(responses).extracting(r -> r.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN))
                .containsExactly("*", null, "*", null, null, "*");
        responses.forEach(FullHttpResponse::release);
    }

    private static FullHttpRequest fromOrigin(FullHttpRequest request) {
        request.headers().set(HttpHeaderNames.ORIGIN, "http://app.example");
        return request;
    }

    private static FullHttpRequest health() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
        return request;
    }

    /** Writes all requests at once on one connection, then reads until there is a response for each. */
    private static List<FullHttpResponse> exchange(Socket socket, FullHttpRequest... requests) throws Exception {
        EmbeddedChannel codec = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(1 << 20));
        try {
            codec.writeOutbound((Object[]) requests);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (ByteBuf chunk; (chunk = codec.readOutbound()) != null; chunk.release()) {
                wire.write(ByteBufUtil.getBytes(chunk));
            }
            socket.getOutputStream().write(wire.toByteArray());
            socket.getOutputStream().flush();

            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            List<FullHttpResponse> responses = new ArrayList<>();
            byte[] buffer = new byte[8192];
            while (responses.size() < requests.length) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                codec.writeInbound(Unpooled.copiedBuffer(buffer, 0, read));
                for (FullHttpResponse response; (response = codec.readInbound()) != null; ) {
                    responses.add(response);
                }
            }
            return responses;
        } finally {
            codec.finishAndReleaseAll();
        }
    }

    private static FullHttpRequest describe(String tableName) {
        byte[] body = ("{\"TableName\":\"" + tableName + "\"}").getBytes(StandardCharsets.UTF_8);
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.POST, "/", Unpooled.wrappedBuffer(body));
        request.headers()
                .set(HttpHeaderNames.HOST, "127.0.0.1")
                .set("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
                .set(HttpHeaderNames.CONTENT_TYPE, "application/x-amz-json-1.0")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return request;
    }

    private static CreateTableRequest table(String name) {
        return new CreateTableRequest(name,
                new KeySchema(new KeySchema.KeyAttribute("id", KeySchema.ScalarType.S), Optional.empty()),
                List.of(new AttributeDefinition("id", KeySchema.ScalarType.S)), BillingMode.PAY_PER_REQUEST, null);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
