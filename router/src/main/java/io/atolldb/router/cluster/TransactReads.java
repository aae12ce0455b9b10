package io.atolldb.router.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;

import io.atolldb.model.Item;
import io.atolldb.model.Items;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.model.expr.Expressions;
import io.atolldb.proto.ReadRequest;
import io.atolldb.proto.ReadResponse;
import io.atolldb.proto.ReadResult;
import io.atolldb.router.api.CancellationReason;
import io.atolldb.router.api.CapacityUnits;
import io.atolldb.router.api.ConsumedCapacity;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import io.atolldb.router.api.TransactGetRequest;
import io.atolldb.router.api.TransactGetResult;
import io.atolldb.router.routing.PartitionCaller;

/**
 * TransactGetItems: every item read as of one moment. Each item is read from its partition's leader
 * together with any transaction lock on it, twice: a lock in either round means a transaction is
 * writing the item (TransactionConflict, or recovery when the lock is stale); an item that changed
 * between the rounds was written meanwhile (the read is tried again). When both rounds agree and no
 * lock was seen, every item held its value over an interval that contains the moment between the
 * rounds, so the items returned are the state of that one moment: no transaction is seen half done.
 */
final class TransactReads {
    private static final int ATTEMPTS = 4;

    private final ClusterDynamoService service;
    private final PartitionCaller caller;
    private final TxnRecovery recovery;

    TransactReads(ClusterDynamoService service, PartitionCaller caller, TxnRecovery recovery) {
        this.service = service;
        this.caller = caller;
        this.recovery = recovery;
    }

    private record Planned(TransactGetRequest.Get get, ItemAddress address) {
    }

    TransactGetResult read(TransactGetRequest request) {
        List<Planned> plan = plan(request);
        for (int attempt = 0; ; attempt++) {
            List<ReadResult> first = readAll(plan);
            List<ReadResult> second = first.stream().anyMatch(ReadResult::hasLock) ? first : readAll(plan);
            List<CancellationReason> reasons = new ArrayList<>();
            boolean conflict = false;
            boolean recovered = false;
            boolean changed = false;
            for (int i = 0; i < plan.size(); i++) {
                ReadResult one = first.get(i).hasLock() ? first.get(i) : second.get(i);
                if (one.hasLock()) {
                    conflict = true;
                    recovered |= recovery.resolveIfStale(one.getLock(), plan.get(i).address().storageKeyBytes());
                    reasons.add(new CancellationReason(CancellationReason.TRANSACTION_CONFLICT,
                            "Transaction is ongoing for the item", null));
                } else if (!first.get(i).equals(second.get(i))) {
                    changed = true;
                    reasons.add(new CancellationReason(CancellationReason.TRANSACTION_CONFLICT,
                            "Transaction is ongoing for the item", null));
                } else {
                    reasons.add(CancellationReason.none());
                }
            }
            if (!conflict && !changed) {
                return result(plan, first);
            }
            if (attempt + 1 >= ATTEMPTS || (conflict && !recovered)) {
                throw DynamoException.transactionCanceled(reasons);
            }
        }
    }

    private List<Planned> plan(TransactGetRequest request) {
        List<Planned> plan = new ArrayList<>();
        Set<ByteString> seen = new HashSet<>();
        for (TransactGetRequest.Get get : request.gets()) {
            ItemAddress address = ItemAddress.ofKey(service.activeTableDescriptor(get.tableName()), get.key());
            if (!seen.add(address.storageKey())) {
                throw DynamoException.validation("Transaction request cannot include multiple operations on one item");
            }
            plan.add(new Planned(get, address));
        }
        return plan;
    }

    private List<ReadResult> readAll(List<Planned> plan) {
        List<Supplier<ReadResult>> reads = new ArrayList<>();
        for (Planned planned : plan) {
            ItemAddress address = planned.address();
            reads.add(() -> caller.call(address.tableId(), address.token(), PartitionCaller.Target.LEADER,
                    (stub, partition) -> stub.read(ReadRequest.newBuilder().setPartitionId(partition.getPartitionId())
                            .setEpoch(partition.getEpoch()).setKey(address.storageKey())
                            .setConsistent(true).setTransactional(true).build()),
                    (ReadResponse r) -> r.hasRoutingError() ? r.getRoutingError() : null).getResult());
        }
        List<ReadResult> results = PartitionWrites.all(reads);
        if (results.contains(null)) {
            throw new DynamoException(ErrorType.ServiceUnavailable, "A partition of the transaction could not be reached");
        }
        return results;
    }

    /** The items, projected; capacity is twice a strongly consistent read of each whole item. */
    private static TransactGetResult result(List<Planned> plan, List<ReadResult> reads) {
        List<Optional<Item>> items = new ArrayList<>();
        Map<String, ConsumedCapacity> perTable = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            TransactGetRequest.Get get = plan.get(i).get();
            ReadResult read = reads.get(i);
            Optional<Item> item = read.getFound() ? Optional.of(ItemCodec.decode(read.getItem().toByteArray())) : Optional.empty();
            double units = 2 * CapacityUnits.read(item.map(Items::size).orElse(0L), true);
            perTable.merge(get.tableName(), ConsumedCapacity.transactional(get.tableName(), units, 0), ConsumedCapacity::plus);
            if (item.isPresent() && !get.expressions().projection().isEmpty()) {
                var projection = Expressions.resolver(get.expressions().names(), Map.of()).projection(get.expressions().projection());
                item = Optional.of(Expressions.project(projection, item.get()));
            }
            items.add(item);
        }
        return new TransactGetResult(items, List.copyOf(perTable.values()));
    }
}
