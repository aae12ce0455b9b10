package io.atolldb.router.cluster;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.Items;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.router.api.BatchGetRequest;
import io.atolldb.router.api.BatchGetResult;
import io.atolldb.router.api.BatchWriteRequest;
import io.atolldb.router.api.BatchWriteResult;
import io.atolldb.router.api.ConsumedCapacity;
import io.atolldb.router.api.DeleteItemRequest;
import io.atolldb.router.api.GetItemResult;
import io.atolldb.router.api.WriteItemResult;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import io.atolldb.router.api.GetItemRequest;
import io.atolldb.router.api.PutItemRequest;
import io.atolldb.router.api.ReturnValues;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * BatchGetItem and BatchWriteItem as many single-item operations run at once. The whole batch is
 * validated and each item addressed ({@link ItemAddress}) before anything is read or written (DynamoDB
 * rejects a batch with one bad request entirely); then each item goes its own way to its partition, as
 * the single-item operation it is, with that address, and items whose partition could not be
 * reached in time (or that a transaction in flight holds) come back as unprocessed, for the client to
 * retry, as DynamoDB does under load.
 */
final class Batches {
    private final ClusterDynamoService service;

    Batches(ClusterDynamoService service) {
        this.service = service;
    }

    BatchWriteResult write(BatchWriteRequest request) {
        List<java.util.function.Supplier<WriteItemResult>> writes = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        List<BatchWriteRequest.Write> originals = new ArrayList<>();
        request.requestItems().forEach((table, entries) -> {
            TableDescriptor descriptor = service.activeTableDescriptor(table);
            Set<ItemAddress> seen = new HashSet<>();
            for (BatchWriteRequest.Write write : entries) {
                ItemAddress address = switch (write) {
                    case BatchWriteRequest.Write.Put put -> ItemAddress.ofItem(descriptor, put.item());
                    case BatchWriteRequest.Write.Delete delete -> ItemAddress.ofKey(descriptor, delete.key());
                };
                if (!seen.add(address)) {
                    throw DynamoException.validation("Provided list of item keys contains duplicates");
                }
                tables.add(table);
                originals.add(write);
                writes.add(switch (write) {
                    case BatchWriteRequest.Write.Put put -> () -> service.put(descriptor, address,
                            new PutItemRequest(table, put.item(), ReturnValues.NONE));
                    case BatchWriteRequest.Write.Delete delete -> () -> service.delete(descriptor, address,
                            new DeleteItemRequest(table, delete.key(), ReturnValues.NONE));
                });
            }
        });
        List<WriteItemResult> done = runAll(writes, java.util.function.Supplier::get);
        Map<String, List<BatchWriteRequest.Write>> unprocessed = new LinkedHashMap<>();
        Map<String, ConsumedCapacity> consumed = noneConsumed(request.requestItems().keySet());
        for (int i = 0; i < done.size(); i++) {
            if (done.get(i) == null) {
                unprocessed.computeIfAbsent(tables.get(i), t -> new ArrayList<>()).add(originals.get(i));
            } else {
                consumed.merge(tables.get(i), done.get(i).consumed(), (sum, one) -> sum.plus(one.capacityUnits()));
            }
        }
        return new BatchWriteResult(unprocessed, List.copyOf(consumed.values()));
    }

    /** One key of a BatchGetItem, checked and addressed. */
    private record Read(ItemAddress address, GetItemRequest request) {
    }

    /** BatchGetItem answers at most 16 MB of items (API reference, BatchGetItem); the rest come back unprocessed. */
    static final long MAX_GET_RESPONSE_BYTES = 16L * 1024 * 1024;

    BatchGetResult get(BatchGetRequest request) {
        List<Read> reads = new ArrayList<>();
        request.requestItems().forEach((table, keys) -> {
            TableDescriptor descriptor = service.activeTableDescriptor(table);
            Set<ItemAddress> seen = new HashSet<>();
            for (Map<String, AttributeValue> key : keys.keys()) {
                ItemAddress address = ItemAddress.ofKey(descriptor, key);
                if (!seen.add(address)) {
                    throw DynamoException.validation("Provided list of item keys contains duplicates");
                }
                reads.add(new Read(address, new GetItemRequest(table, key, keys.consistentRead(), keys.expressions())));
            }
        });
        List<GetItemResult> found = runAll(reads, read -> service.get(read.address(), read.request()));
        Map<String, ConsumedCapacity> consumed = noneConsumed(request.requestItems().keySet());
        Map<String, List<Item>> responses = new LinkedHashMap<>();
        request.requestItems().keySet().forEach(table -> responses.put(table, new ArrayList<>()));
        Map<String, List<Map<String, AttributeValue>>> unprocessed = new LinkedHashMap<>();
        long responseBytes = 0;
        for (int i = 0; i < reads.size(); i++) {
            GetItemRequest read = reads.get(i).request();
            long size = found.get(i) == null ? 0 : found.get(i).item().map(Items::size).orElse(0L);
            if (found.get(i) == null || responseBytes + size > MAX_GET_RESPONSE_BYTES) {
                // Not read in time, or past the 16 MB a response may hold: the client asks again for these.
                unprocessed.computeIfAbsent(read.tableName(), t -> new ArrayList<>()).add(read.key());
            } else {
                responseBytes += size;
                found.get(i).item().ifPresent(responses.get(read.tableName())::add);
                consumed.merge(read.tableName(), found.get(i).consumed(), (sum, one) -> sum.plus(one.capacityUnits()));
            }
        }
        Map<String, BatchGetRequest.KeysAndAttributes> unprocessedKeys = new LinkedHashMap<>();
        unprocessed.forEach((table, keys) -> unprocessedKeys.put(table,
                new BatchGetRequest.KeysAndAttributes(keys, request.requestItems().get(table).consistentRead(),
                        request.requestItems().get(table).expressions())));
        return new BatchGetResult(responses, unprocessedKeys, List.copyOf(consumed.values()));
    }

    /**
     * Zero units for every table of the request, in request order: each item then adds its own units,
     * rounded on its own, as DynamoDB counts a batch (each item as the single-item operation it is);
     * unprocessed items consume nothing.
     */
    private static Map<String, ConsumedCapacity> noneConsumed(java.util.Set<String> tables) {
        Map<String, ConsumedCapacity> consumed = new LinkedHashMap<>();
        tables.forEach(table -> consumed.put(table, new ConsumedCapacity(table, 0)));
        return consumed;
    }

    /**
     * Runs every task at once on virtual threads. A task that fails because the cluster could not
     * serve it in time yields null (unprocessed); any other failure fails the whole batch.
     */
    private static <T, R> List<R> runAll(List<T> tasks, Function<T, R> body) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>();
            for (T task : tasks) {
                futures.add(executor.submit(() -> body.apply(task)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(await(future));
            }
            return results;
        }
    }

    private static <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynamoException(ErrorType.InternalServerError, "interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            // Unreachable partitions and items locked by a transaction in flight: the client retries them.
            if (e.getCause() instanceof DynamoException dynamo && (dynamo.type() == ErrorType.ServiceUnavailable
                    || dynamo.type() == ErrorType.TransactionConflictException)) {
                return null;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new DynamoException(ErrorType.InternalServerError, "batch item failed", e.getCause());
        }
    }
}
