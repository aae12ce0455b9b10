package io.atolldb.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.ValidationError;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DynamoDB JSON API (protocol awsJson1_0, version 2012-08-10) over a {@link DynamoService}: takes an
 * X-Amz-Target and a JSON body, answers an {@link ApiResponse}. Transport-agnostic and thread-safe.
 *
 * <p>Every failure becomes a DynamoDB error body {@code {"__type": ..., "message": ...}}: a
 * {@link DynamoException} as its type says, a model {@link ValidationError} as ValidationException, and
 * anything else as a 500 InternalServerError with a generic message (logged here, once, with its stack trace).
 */
public final class DynamoApi {
    public static final String DEFAULT_REGION = "us-east-1";
    /** The X-Amz-Target prefix of DynamoDB API version 2012-08-10. */
    public static final String TARGET_PREFIX = "DynamoDB_20120810.";
    /** The operation label of requests whose target names no supported operation. */
    public static final String UNKNOWN_OPERATION = "unknown";

    private static final Logger log = LoggerFactory.getLogger(DynamoApi.class);

    private final DynamoService service;
    private final Map<String, OperationHandler<?, ?>> operations;

    public DynamoApi(DynamoService service) {
        this(service, DEFAULT_REGION);
    }

    /** {@code region} only appears in the table ARNs this API reports. */
    public DynamoApi(DynamoService service, String region) {
        this.service = Objects.requireNonNull(service, "service");
        TableDescriptionJson tables = new TableDescriptionJson(region);
        this.operations = Map.ofEntries(
                Map.entry("CreateTable", new CreateTableHandler(tables)),
                Map.entry("DescribeTable", new DescribeTableHandler(tables)),
                Map.entry("ListTables", new ListTablesHandler()),
                Map.entry("DeleteTable", new DeleteTableHandler(tables)),
                Map.entry("PutItem", new PutItemHandler()),
                Map.entry("GetItem", new GetItemHandler()),
                Map.entry("DeleteItem", new DeleteItemHandler()),
                Map.entry("UpdateItem", new UpdateItemHandler()),
                Map.entry("Scan", new ScanHandler()),
                Map.entry("Query", new QueryHandler()),
                Map.entry("BatchGetItem", new BatchGetItemHandler()),
                Map.entry("BatchWriteItem", new BatchWriteItemHandler()),
                Map.entry("TransactWriteItems", new TransactWriteItemsHandler()),
                Map.entry("TransactGetItems", new TransactGetItemsHandler()),
                Map.entry("DescribeLimits", new DescribeLimitsHandler()),
                Map.entry("DescribeEndpoints", new DescribeEndpointsHandler(region)),
                Map.entry("UpdateTable", new UpdateTableHandler(tables)),
                Map.entry("TagResource", new TagHandlers.Tag()),
                Map.entry("UntagResource", new TagHandlers.Untag()),
                Map.entry("ListTagsOfResource", new TagHandlers.ListTags()));
    }

    /**
     * The supported operation that {@code target} (e.g. "DynamoDB_20120810.GetItem") names, or
     * {@link #UNKNOWN_OPERATION}: a bounded set of values, safe as a metrics label.
     */
    public String operationName(String target) {
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            return UNKNOWN_OPERATION;
        }
        String operation = target.substring(TARGET_PREFIX.length());
        return operations.containsKey(operation) ? operation : UNKNOWN_OPERATION;
    }

    /** Runs one request. Never throws: failures are answered as DynamoDB errors. */
    public ApiResponse handle(String target, byte[] body, String requestId) {
        return handle(target, body, requestId, null);
    }

    /**
     * Runs one request from a client that reached this server at {@code endpoint} (host:port, the address
     * DescribeEndpoints names; null when unknown, and then it names the region's endpoint). Never throws:
     * failures are answered as DynamoDB errors.
     */
    public ApiResponse handle(String target, byte[] body, String requestId, String endpoint) {
        return handle(target, body, new RequestContext(requestId, endpoint, Principal.ANYONE));
    }

    /**
     * Runs one request sent by {@code context.principal()}, already authenticated by the transport. Never
     * throws: failures are answered as DynamoDB errors.
     */
    public ApiResponse handle(String target, byte[] body, RequestContext context) {
        String requestId = context.requestId();
        String endpoint = context.endpoint();
        String operation = operationName(target);
        try {
            OperationHandler<?, ?> handler = operations.get(operation);
            if (handler == null) {
                throw new DynamoException(ErrorType.UnknownOperationException,
                        target == null ? "Missing X-Amz-Target header" : "Unknown operation: " + target);
            }
            JsonNode json = WireJson.parse(body);
            if (!json.isObject()) {
                throw DynamoException.serialization("The request body must be a JSON object");
            }
            ObjectNode result = handler.handle(JsonFields.of(json, ""), service, endpoint);
            return new ApiResponse(200, WireJson.write(result), operation, ApiResponse.OK);
        } catch (DynamoException e) {
            return error(operation, e);
        } catch (ValidationError e) {
            return error(operation, DynamoException.validation(e.getMessage()));
        } catch (RuntimeException e) {
            log.error("Request {} ({}) failed unexpectedly", requestId, operation, e);
            return error(operation, new DynamoException(ErrorType.InternalServerError, "Internal server error"));
        }
    }

    /** Renders an error decided outside an operation (e.g. by the transport) as a DynamoDB error response. */
    public ApiResponse error(String operation, DynamoException error) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("__type", error.type().wireType())
                .put("message", Objects.toString(error.getMessage(), ""));
        if (error.item() != null) {
            body.set("Item", AttributeValueJson.writeMap(error.item()));
        }
        if (error.cancellationReasons() != null) {
            var reasons = body.putArray("CancellationReasons");
            for (CancellationReason reason : error.cancellationReasons()) {
                ObjectNode entry = reasons.addObject().put("Code", reason.code());
                if (reason.message() != null) {
                    entry.put("Message", reason.message());
                }
                if (reason.item() != null) {
                    entry.set("Item", AttributeValueJson.writeMap(reason.item()));
                }
            }
        }
        return new ApiResponse(error.type().httpStatus(), WireJson.write(body), operation, error.type().name());
    }
}
