package io.atolldb.router.api;

import java.util.List;

/** A committed TransactWriteItems: nothing to answer but the capacity it consumed, per table. */
public record TransactWriteResult(List<ConsumedCapacity> consumedCapacity) implements ConsumesCapacity {
}
