package io.atolldb.router.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.router.admin.ClusterAdmin;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import io.atolldb.router.api.Principal;
import io.atolldb.router.auth.Authenticator;
import io.atolldb.router.auth.SignedRequest;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The operator's requests on the DynamoDB port ({@code atoll admin}), under {@value #PREFIX}: GET
 * {@code partitions[?table=T]}, {@code nodes}, {@code operations}, {@code item?table=T&key=JSON}; POST
 * {@code split?partition=P[&token=T]}, {@code move?partition=P&from=N[&to=M]}, {@code drain?node=N[&undo=true]}.
 * JSON in, JSON out ({@link ClusterAdmin}); every other request passes on to the DynamoDB handler. Served
 * on the request executor, since each asks the metadata service. An admin client does not pipeline, so
 * these answers are not ordered with API answers on the same connection.
 *
 * <p>When the router verifies signatures, an admin request must be signed like an API request (service
 * "dynamodb", the router's region) by a key whose principal is an administrator; a refusal is answered with the
 * DynamoDB error's status and {@code {"error": "<type>: <message>"}}. With verification off, as in a default
 * {@code atoll dev}, anyone who reaches the port may use these.
 */
final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String PREFIX = "/atoll/admin/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterAdmin admin;
    private final Authenticator authenticator;
    private final ExecutorService executor;
    private final RequestMetrics metrics;

    AdminRequestHandler(ClusterAdmin admin, Authenticator authenticator, ExecutorService executor, RequestMetrics metrics) {
        super(false);
        this.admin = admin;
        this.authenticator = authenticator;
        this.executor = executor;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.uri().startsWith(PREFIX)) {
            ctx.fireChannelRead(request);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String path = query.path().substring(PREFIX.length());
        HttpMethod method = request.method();
        SignedRequest signed = authenticator.verifiesSignatures()
                ? SignedRequests.of(request, ByteBufUtil.getBytes(request.content())) : null;
        request.release();
        Supplier<ObjectNode> call = switch (path) {
            case "partitions" -> method.equals(HttpMethod.GET) ? () -> admin.partitions(parameter(query, "table", "")) : null;
            case "nodes" -> method.equals(HttpMethod.GET) ? admin::nodes : null;
            case "operations" -> method.equals(HttpMethod.GET) ? admin::operations : null;
            case "item" -> method.equals(HttpMethod.GET) ? () -> admin.item(required(query, "table"), required(query, "key")) : null;
            case "split" -> method.equals(HttpMethod.POST) ? () -> admin.split(number(query, "partition", null),
                    number(query, "token", "0")) : null;
            case "move" -> method.equals(HttpMethod.POST) ? () -> admin.move(number(query, "partition", null),
                    required(query, "from"), parameter(query, "to", "")) : null;
            case "drain" -> method.equals(HttpMethod.POST) ? () -> admin.drain(required(query, "node"),
                    Boolean.parseBoolean(parameter(query, "undo", "false"))) : null;
            default -> () -> {
                throw new ClusterAdmin.AdminException(404, "no admin request " + path);
            };
        };
        CompletableFuture.supplyAsync(() -> {
            if (signed != null) {
                try {
                    authorize(authenticator.authenticate(signed));
                } catch (DynamoException refused) {
                    metrics.rejected(refused.type());
                    return json(HttpResponseStatus.valueOf(refused.type().httpStatus()),
                            error(refused.type().name() + ": " + refused.getMessage()));
                }
            }
            if (call == null) {
                return json(HttpResponseStatus.METHOD_NOT_ALLOWED, error(method + " is not allowed on " + path));
            }
            try {
                return json(HttpResponseStatus.OK, call.get());
            } catch (ClusterAdmin.AdminException e) {
                return json(HttpResponseStatus.valueOf(e.status()), error(e.getMessage()));
            } catch (RuntimeException e) {
                return json(HttpResponseStatus.SERVICE_UNAVAILABLE, error(String.valueOf(e.getMessage())));
            }
        }, executor).thenAcceptAsync(response -> HttpResponses.send(ctx, response, keepAlive), ctx.executor());
    }

    /** Operator requests are for administrators only, whatever else a principal may do. */
    private static void authorize(Principal principal) {
        if (!principal.administrator()) {
            throw new DynamoException(ErrorType.AccessDeniedException,
                    "User: " + principal.arn() + " is not authorized to perform: atoll:Admin");
        }
    }

    private static String parameter(QueryStringDecoder query, String name, String otherwise) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? otherwise : values.getFirst();
    }

    private static String required(QueryStringDecoder query, String name) {
        String value = parameter(query, name, "");
        if (value.isEmpty()) {
            throw new ClusterAdmin.AdminException(400, "missing parameter " + name);
        }
        return value;
    }

    private static long number(QueryStringDecoder query, String name, String otherwise) {
        String value = parameter(query, name, otherwise);
        if (value == null) {
            throw new ClusterAdmin.AdminException(400, "missing parameter " + name);
        }
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new ClusterAdmin.AdminException(400, "parameter " + name + " is not an unsigned number: " + value);
        }
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static FullHttpResponse json(HttpResponseStatus status, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render an admin answer", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json").set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }
}
