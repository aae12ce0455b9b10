package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/**
 * One DynamoDB operation in three steps: the request's JSON becomes a typed request ({@link #parse},
 * which throws DynamoException for anything DynamoDB would reject), the backend runs it ({@link #call}),
 * and the typed result becomes the response's JSON ({@link #render}).
 *
 * @param <Q> the typed request
 * @param <R> the typed result
 */
interface OperationHandler<Q, R> {

    Q parse(JsonFields request);

    R call(DynamoService service, Q request);

    ObjectNode render(R result);

    /**
     * Whether ConsumedCapacity is a list with one entry per table (BatchGetItem, BatchWriteItem) rather
     * than one object.
     */
    default boolean capacityPerTable() {
        return false;
    }

    /**
     * The items (or primary keys) a write request wrote, by table: their item collections are what
     * ReturnItemCollectionMetrics=SIZE reports on. Empty for operations that write nothing.
     */
    default Map<String, List<Map<String, AttributeValue>>> writtenItems(Q request) {
        return Map.of();
    }

    /**
     * Runs all three steps, and adds ConsumedCapacity when the result consumed capacity and the request
     * asked for it (ReturnConsumedCapacity, already checked by {@link #parse}), and ItemCollectionMetrics
     * when the request asked for SIZE and a written table has local secondary indexes.
     */
    /**
     * Runs the operation for a client that reached this server at {@code endpoint} (host:port, or null
     * when unknown). Only DescribeEndpoints needs the address; every other operation ignores it.
     */
    default ObjectNode handle(JsonFields request, DynamoService service, String endpoint) {
        return handle(request, service);
    }

    default ObjectNode handle(JsonFields request, DynamoService service) {
        Q typed = parse(request);
        R result = call(service, typed);
        ObjectNode response = render(result);
        if (result instanceof ConsumesCapacity consumed) {
            ConsumedCapacityJson.add(response, ReturnConsumedCapacity.of(request), consumed.consumedCapacity(),
                    capacityPerTable());
        }
        if ("SIZE".equals(request.string("ReturnItemCollectionMetrics"))) {
            // The operations answering capacity per table (the batches, transactions) answer metrics per table too.
            ItemCollectionMetricsJson.add(response, writtenItems(typed), service, capacityPerTable());
        }
        return response;
    }
}
