package io.atolldb.router.cluster;

import io.atolldb.proto.AlterTableRequest;
import io.atolldb.proto.AlterTableResponse;
import io.atolldb.proto.BillingMode;
import io.atolldb.proto.CreateTableResponse;
import io.atolldb.proto.DeleteTableResponse;
import io.atolldb.proto.DescribeTableResponse;
import io.atolldb.proto.ListTablesResponse;
import io.atolldb.proto.MetadataError;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.router.api.CreateTableRequest;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import io.atolldb.router.api.ListTablesResult;
import io.atolldb.router.api.TableDescription;
import io.atolldb.router.api.UpdateTableRequest;
import io.atolldb.router.routing.RoutingCache;
import io.atolldb.rpc.MetadataClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table operations (CreateTable, DescribeTable, DeleteTable, ListTables, UpdateTable, tags) as
 * calls to the metadata service, with DynamoDB's checks that need the table's current state, and the
 * mapping of metadata errors onto DynamoDB's error types.
 */
final class Tables {
    private static final int MAX_TAGS = 50;
    private static final java.time.Duration TABLE_CHANGE_WAIT = java.time.Duration.ofSeconds(10);
    private static final java.time.Duration TABLE_POLL = java.time.Duration.ofMillis(50);

    private final MetadataClient metadata;
    private final RoutingCache routing;

    Tables(MetadataClient metadata, RoutingCache routing) {
        this.metadata = metadata;
        this.routing = routing;
    }

    TableDescription create(CreateTableRequest request) {
        // One id for the call and all its retries: a retry after a lost answer finds "its" table.
        var descriptor = TableMapping.toDescriptor(request).toBuilder()
                .setCreationRequestId(java.util.UUID.randomUUID().toString()).build();
        var response = callMetadata(stub -> stub.createTable(io.atolldb.proto.CreateTableRequest.newBuilder()
                .setTable(descriptor).build()), CreateTableResponse::getError);
        awaitTable(request.tableName(), table -> table.isPresent() && TableMapping.isActive(table.get()));
        return TableMapping.toDescription(response.getTable());
    }

    TableDescription describe(String tableName) {
        var response = callMetadata(stub -> stub.describeTable(io.atolldb.proto.DescribeTableRequest.newBuilder()
                .setName(tableName).build()), DescribeTableResponse::getError);
        return TableMapping.toDescription(response.getTable());
    }

    TableDescription delete(String tableName) {
        var response = callMetadata(stub -> stub.deleteTable(io.atolldb.proto.DeleteTableRequest.newBuilder()
                .setName(tableName).build()), DeleteTableResponse::getError);
        awaitTable(tableName, Optional::isEmpty);
        return TableMapping.toDescription(response.getTable());
    }

    ListTablesResult list(String exclusiveStartTableName, int limit) {
        var request = io.atolldb.proto.ListTablesRequest.newBuilder().setLimit(limit);
        if (exclusiveStartTableName != null) {
            request.setExclusiveStartTableName(exclusiveStartTableName);
        }
        var response = callMetadata(stub -> stub.listTables(request.build()), ListTablesResponse::getError);
        return new ListTablesResult(response.getTableNamesList(),
                response.getLastEvaluatedTableName().isEmpty() ? null : response.getLastEvaluatedTableName());
    }

    TableDescription update(UpdateTableRequest request) {
        TableDescription current = describe(request.tableName());
        var change = AlterTableRequest.newBuilder().setName(request.tableName());
        io.atolldb.router.api.BillingMode billing = request.billingMode() == null ? current.billingMode() : request.billingMode();
        if (request.billingMode() != null) {
            change.setBillingMode(request.billingMode() == io.atolldb.router.api.BillingMode.PAY_PER_REQUEST
                    ? BillingMode.BILLING_MODE_PAY_PER_REQUEST : BillingMode.BILLING_MODE_PROVISIONED);
        }
        var throughput = request.provisionedThroughput();
        if (billing == io.atolldb.router.api.BillingMode.PROVISIONED) {
            if (throughput == null && current.billingMode() != io.atolldb.router.api.BillingMode.PROVISIONED) {
                throw DynamoException.invalidParameter("ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
            }
            if (throughput != null && request.billingMode() == null && throughput.equals(current.provisionedThroughput())) {
                throw DynamoException.validation("The provisioned throughput for the table will not change. The requested value "
                        + "equals the current value. Current ReadCapacityUnits provisioned for the table: "
                        + throughput.readCapacityUnits() + ". Requested ReadCapacityUnits: " + throughput.readCapacityUnits()
                        + ". Current WriteCapacityUnits provisioned for the table: " + throughput.writeCapacityUnits()
                        + ". Requested WriteCapacityUnits: " + throughput.writeCapacityUnits()
                        + ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
            }
        } else if (throughput != null) {
            throw DynamoException.invalidParameter(
                    "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        if (throughput != null) {
            change.setSetThroughput(true).setReadCapacityUnits(throughput.readCapacityUnits())
                    .setWriteCapacityUnits(throughput.writeCapacityUnits());
        }
        return TableMapping.toDescription(alter(change.build()).getTable());
    }

    void tag(String tableName, Map<String, String> tags) {
        Map<String, String> after = new java.util.HashMap<>(tags(tableName));
        after.putAll(tags);
        if (after.size() > MAX_TAGS) {
            // A ValidationException, as DynamoDB answers a TagResource that would pass the limit.
            throw DynamoException.validation(
                    "The number of tags on table " + tableName + " would exceed the limit of " + MAX_TAGS);
        }
        alter(AlterTableRequest.newBuilder().setName(tableName).putAllSetTags(tags).build());
    }

    void untag(String tableName, List<String> tagKeys) {
        alter(AlterTableRequest.newBuilder().setName(tableName).addAllRemoveTagKeys(tagKeys).build());
    }

    Map<String, String> tags(String tableName) {
        var response = callMetadata(stub -> stub.describeTable(io.atolldb.proto.DescribeTableRequest.newBuilder()
                .setName(tableName).build()), DescribeTableResponse::getError);
        return new java.util.TreeMap<>(response.getTable().getTagsMap());
    }

    private AlterTableResponse alter(AlterTableRequest change) {
        return callMetadata(stub -> stub.alterTable(change), AlterTableResponse::getError);
    }

    /**
     * Waits, for at most {@link #TABLE_CHANGE_WAIT}, until the table reaches the state a client will
     * look for next. DynamoDB answers CreateTable with CREATING and DeleteTable with DELETING at once;
     * we answer the same, but only once the change is done (usually within two seconds), so that a
     * client that writes right after CreateTable, or re-creates right after DeleteTable, as many test
     * suites written against DynamoDB Local do, finds the table ready. Waiters see the end state at
     * their first poll.
     */
    private void awaitTable(String name, java.util.function.Predicate<Optional<TableDescriptor>> done) {
        long deadline = System.nanoTime() + TABLE_CHANGE_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (done.test(routing.refresh().table(name))) {
                    return;
                }
            } catch (RuntimeException e) {
                // The metadata service may be electing a leader; keep waiting until the deadline.
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TABLE_POLL.toNanos());
        }
    }

    private <T> T callMetadata(java.util.function.Function<io.atolldb.proto.MetadataServiceGrpc.MetadataServiceBlockingStub, T> rpc,
                               java.util.function.Function<T, MetadataError> errorOf) {
        T response = ClusterDynamoService.call(() -> metadata.call(rpc, errorOf));
        MetadataError error = errorOf.apply(response);
        switch (error.getCode()) {
            case CODE_UNSPECIFIED -> {
                return response;
            }
            case TABLE_NOT_FOUND -> throw new DynamoException(ErrorType.ResourceNotFoundException, error.getMessage());
            case TABLE_IN_USE -> throw new DynamoException(ErrorType.ResourceInUseException, error.getMessage());
            case INVALID -> throw new DynamoException(ErrorType.ValidationException, error.getMessage());
            // Too few zones with live nodes to place a table: the cluster is starting, or a zone is down.
            // Either passes, so the answer is DynamoDB's retryable ServiceUnavailable (HTTP 503, retried by
            // every SDK), never a LimitExceededException, which no SDK retries.
            case NOT_ENOUGH_ZONES -> throw new DynamoException(ErrorType.ServiceUnavailable, error.getMessage());
            // Every node of a zone holds its budget of replicas: only adding nodes (or deleting tables) helps.
            case NO_ROOM -> throw new DynamoException(ErrorType.LimitExceededException, error.getMessage());
            default -> throw new DynamoException(ErrorType.ServiceUnavailable, error.getMessage());
        }
    }
}
