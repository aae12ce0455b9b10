package io.atolldb.metadata.catalog;

import io.atolldb.proto.MetadataError;
import io.atolldb.proto.MoveOperation;
import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.Replica;
import io.atolldb.proto.Operation;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.SplitOperation;
import io.atolldb.proto.SplitPartitionResponse;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.rpc.PartitionSplits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The catalog side of multi-step operations, applied by the metadata state machine: start (checked
 * against the catalog, ids assigned), finish (the partition map changes), end without the change. Pure
 * and deterministic: times come from the command.
 *
 * <p>Rules: at most one running operation per partition; a split starts only on a partition whose split
 * version is the one the operation names, and finishes only while it still is (else it fails: the
 * partition changed under it).
 */
public final class Operations {
    private Operations() {
    }

    record Started(Catalog catalog, SplitPartitionResponse reply) {
    }

    static Started start(Catalog catalog, Operation wanted, long nowMillis) {
        if (wanted.hasMove()) {
            return startMove(catalog, wanted, nowMillis);
        }
        if (!wanted.hasSplit()) {
            return refused(catalog, "an operation must name what it does");
        }
        SplitOperation split = wanted.getSplit();
        Optional<PartitionDescriptor> parent = catalog.partition(split.getPartitionId());
        if (parent.isEmpty()) {
            return refused(catalog, "no partition " + split.getPartitionId());
        }
        if (busy(catalog, split.getPartitionId())) {
            return refused(catalog, "partition " + split.getPartitionId() + " has an operation running");
        }
        if (parent.get().getEpoch().getSplitVersion() != split.getSplitVersion()) {
            return refused(catalog, "partition " + split.getPartitionId() + " is at split version "
                    + parent.get().getEpoch().getSplitVersion() + ", not " + split.getSplitVersion());
        }
        if (!PartitionSplits.canSplitAt(parent.get(), split.getSplitToken())) {
            return refused(catalog, "token " + Long.toUnsignedString(split.getSplitToken())
                    + " does not split partition " + split.getPartitionId());
        }
        Catalog after = catalog.withStartedOperation(wanted.toBuilder().setStartedMillis(nowMillis)
                .setSplit(split.toBuilder().setTableId(parent.get().getTableId())).build());
        Operation recorded = after.operations().getLast();
        return new Started(after, SplitPartitionResponse.newBuilder().setOperation(recorded).build());
    }

    private static Started startMove(Catalog catalog, Operation wanted, long nowMillis) {
        MoveOperation move = wanted.getMove();
        Optional<PartitionDescriptor> partition = catalog.partition(move.getPartitionId());
        if (partition.isEmpty()) {
            return refused(catalog, "no partition " + move.getPartitionId());
        }
        if (busy(catalog, move.getPartitionId())) {
            return refused(catalog, "partition " + move.getPartitionId() + " has an operation running");
        }
        if (partition.get().getEpoch().getConfVersion() != move.getConfVersion()) {
            return refused(catalog, "partition " + move.getPartitionId() + " is at conf version "
                    + partition.get().getEpoch().getConfVersion() + ", not " + move.getConfVersion());
        }
        Optional<Replica> from = partition.get().getReplicasList().stream()
                .filter(r -> r.getNodeId().equals(move.getFromNodeId())).findFirst();
        NodeInfo to = catalog.nodes().get(move.getToNodeId());
        if (from.isEmpty()) {
            return refused(catalog, move.getFromNodeId() + " holds no replica of partition " + move.getPartitionId());
        }
        if (to == null) {
            return refused(catalog, "no node " + move.getToNodeId());
        }
        if (partition.get().getReplicasList().stream().anyMatch(r -> r.getNodeId().equals(to.getNodeId()))) {
            return refused(catalog, to.getNodeId() + " already holds a replica of partition " + move.getPartitionId());
        }
        if (!to.getZone().equals(from.get().getZone())) {
            return refused(catalog, "a replica moves within its zone: " + to.getNodeId() + " is in zone " + to.getZone()
                    + ", the replica in zone " + from.get().getZone());
        }
        Catalog after = catalog.withStartedOperation(wanted.toBuilder().setStartedMillis(nowMillis)
                .setMove(move.toBuilder().setTableId(partition.get().getTableId())).build());
        return new Started(after, SplitPartitionResponse.newBuilder().setOperation(after.operations().getLast()).build());
    }

    /** The partition's members after {@code move}: the new node in the old one's place (and zone). */
    public static PartitionDescriptor moved(PartitionDescriptor partition, MoveOperation move, String toZone) {
        var after = partition.toBuilder().clearReplicas()
                .setEpoch(partition.getEpoch().toBuilder().setConfVersion(partition.getEpoch().getConfVersion() + 1));
        for (Replica replica : partition.getReplicasList()) {
            after.addReplicas(replica.getNodeId().equals(move.getFromNodeId())
                    ? Replica.newBuilder().setNodeId(move.getToNodeId()).setZone(toZone).build() : replica);
        }
        return after.build();
    }

    /** The move's membership change committed: the partition's replicas in the catalog follow it. */
    static Catalog finishMove(Catalog catalog, long operationId, long nowMillis) {
        Optional<Operation> found = catalog.operation(operationId).filter(o -> o.getState() == Operation.State.RUNNING);
        if (found.isEmpty() || !found.get().hasMove()) {
            return catalog;
        }
        Operation operation = found.get();
        MoveOperation move = operation.getMove();
        Optional<PartitionDescriptor> partition = catalog.partition(move.getPartitionId());
        NodeInfo to = catalog.nodes().get(move.getToNodeId());
        if (partition.isEmpty() || to == null || partition.get().getEpoch().getConfVersion() != move.getConfVersion()) {
            return ended(catalog, operation, Operation.State.FAILED, "the partition changed before the move was recorded", nowMillis);
        }
        return ended(catalog.withPartition(moved(partition.get(), move, to.getZone())), operation, Operation.State.DONE, "", nowMillis);
    }

    /** True when a running operation names the partition. */
    public static boolean busy(Catalog catalog, long partitionId) {
        return catalog.running().stream().anyMatch(o -> names(o, partitionId));
    }

    static boolean names(Operation operation, long partitionId) {
        return operation.hasSplit() && (operation.getSplit().getPartitionId() == partitionId
                || operation.getSplit().getChildPartitionId() == partitionId)
                || operation.hasMove() && operation.getMove().getPartitionId() == partitionId;
    }

    /**
     * The split committed in the parent's Raft group: the parent takes its left half and the child is
     * added on the same replicas. Fails the operation when the parent is no longer what it split.
     */
    static Catalog finishSplit(Catalog catalog, long operationId, long nowMillis) {
        Optional<Operation> found = catalog.operation(operationId).filter(o -> o.getState() == Operation.State.RUNNING);
        if (found.isEmpty() || !found.get().hasSplit()) {
            return catalog;
        }
        Operation operation = found.get();
        SplitOperation split = operation.getSplit();
        Optional<TableDescriptor> table = catalog.tableById(split.getTableId());
        Optional<PartitionDescriptor> parent = catalog.partition(split.getPartitionId());
        if (table.isEmpty() || parent.isEmpty() || parent.get().getEpoch().getSplitVersion() != split.getSplitVersion()) {
            return ended(catalog, operation, Operation.State.FAILED, "the partition changed before the split was recorded",
                    nowMillis);
        }
        List<PartitionDescriptor> partitions = new ArrayList<>(table.get().getPartitionsList());
        partitions.remove(parent.get());
        partitions.add(PartitionSplits.left(parent.get(), split.getSplitToken()));
        partitions.add(PartitionSplits.right(parent.get(), split.getSplitToken(), split.getChildPartitionId()));
        partitions.sort(Comparator.comparing(PartitionDescriptor::getTokenStart, Long::compareUnsigned));
        Catalog withSplit = catalog.withTable(table.get().toBuilder().clearPartitions().addAllPartitions(partitions).build());
        return ended(withSplit, operation, Operation.State.DONE, "", nowMillis);
    }

    /** Ends a running operation as FAILED with {@code outcome}; nothing else changes. */
    static Catalog end(Catalog catalog, long operationId, String outcome, long nowMillis) {
        return catalog.operation(operationId).filter(o -> o.getState() == Operation.State.RUNNING)
                .map(o -> ended(catalog, o, Operation.State.FAILED, outcome, nowMillis))
                .orElse(catalog);
    }

    private static Catalog ended(Catalog catalog, Operation operation, Operation.State state, String outcome, long nowMillis) {
        return catalog.withEndedOperation(operation.toBuilder().setState(state).setOutcome(outcome)
                .setEndedMillis(nowMillis).build());
    }

    private static Started refused(Catalog catalog, String message) {
        return new Started(catalog, SplitPartitionResponse.newBuilder().setError(MetadataError.newBuilder()
                .setCode(MetadataError.Code.INVALID).setMessage(message)).build());
    }
}
