package io.atolldb.router.api;

import java.util.List;

/**
 * A data-plane result that knows the capacity its operation consumed: one entry for a single-table
 * operation, one per table for a batch. The API adds it to the response when the request asked
 * (ReturnConsumedCapacity), so backends always compute it and never need to know whether it is wanted.
 */
public interface ConsumesCapacity {
    List<ConsumedCapacity> consumedCapacity();
}
