package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
     * Runs all three steps, and adds ConsumedCapacity when the result consumed capacity and the request
     * asked for it (ReturnConsumedCapacity, already checked by {@link #parse}).
     */
    default ObjectNode handle(JsonFields request, DynamoService service) {
        R result = call(service, parse(request));
        ObjectNode response = render(result);
        if (result instanceof ConsumesCapacity consumed) {
            ConsumedCapacityJson.add(response, ReturnConsumedCapacity.of(request), consumed.consumedCapacity(),
                    capacityPerTable());
        }
        return response;
    }
}
