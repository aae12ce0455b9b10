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

    /** Runs all three steps. */
    default ObjectNode handle(JsonFields request, DynamoService service) {
        return render(call(service, parse(request)));
    }
}
