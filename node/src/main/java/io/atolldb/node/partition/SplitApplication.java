package io.atolldb.node.partition;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.atolldb.model.KeyCodec;
import io.atolldb.model.TokenRange;
import io.atolldb.node.storage.Mutation;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.PartitionStore;
import io.atolldb.proto.IndexDescriptor;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.PartitionSplit;
import io.atolldb.proto.TxnAction;
import io.atolldb.proto.TxnPrepare;
import io.atolldb.proto.WriteResult;
import io.atolldb.rpc.PartitionSplits;

/**
 * What one {@code PartitionSplit} entry changes (docs/ARCHITECTURE.md, "Life of a split"). Items stay
 * where they are: they are keyed by token, and the child simply owns the upper part of the range. What is
 * keyed by the partition id follows the items exactly, in the entry's one write batch:
 * <ul>
 *   <li>descriptors: the parent's range ends at the split token, the child's starts there, both one split
 *       version up;</li>
 *   <li>stats: the child's items are counted and their bytes summed; the parent keeps the rest;</li>
 *   <li>index entries of the child's items move under the child's id (the entry key names the item's
 *       table key, whose partition key gives the token);</li>
 *   <li>transaction locks move with their items; a transaction's prepared actions are divided by item,
 *       each side remembering the keys the other side took (its router finishes both); a recorded decision
 *       goes with its coordinator key (to both sides when the record predates keys in decisions);</li>
 *   <li>the request ledger is copied whole: a retried write lands in whichever half owns its key now,
 *       and must still be answered as applied.</li>
 * </ul>
 * Deterministic: a function of the command and the stored state. The child starts with nothing applied;
 * its Raft group (same replicas) is opened by the node once this entry is applied.
 */
final class SplitApplication {
    /** How a split entry ended: its reply, and when it split, the halves and the batch to write. */
    record Outcome(WriteResult reply, Optional<PartitionDescriptor> left, Optional<PartitionDescriptor> right,
                   List<Mutation> mutations) {
        boolean splits() {
            return right.isPresent() && !mutations.isEmpty();
        }
    }

    private SplitApplication() {
    }

    static Outcome apply(PartitionStore store, PartitionDescriptor current, PartitionSplit split) {
        long token = split.getSplitToken();
        long childId = split.getChildPartitionId();
        long version = current.getEpoch().getSplitVersion();
        Optional<PartitionDescriptor> childStored = storedDescriptor(store, childId);
        if (version == split.getExpectedSplitVersion() + 1 && childStored.isPresent()
                && childStored.get().getParentPartitionId() == current.getPartitionId()
                && childStored.get().getTokenStart() == token && current.getTokenEnd() == token) {
            // Applied before (the leader retried): the same halves again, nothing changes.
            return new Outcome(halves(current, childStored.get()), Optional.of(current), childStored, List.of());
        }
        if (version != split.getExpectedSplitVersion()) {
            return refused("split version is " + version + ", not " + split.getExpectedSplitVersion());
        }
        if (!PartitionSplits.canSplitAt(current, token)) {
            return refused("token " + Long.toUnsignedString(token) + " is not strictly inside the partition's range");
        }
        if (childId == 0 || childId == current.getPartitionId() || childStored.isPresent()) {
            return refused("partition id " + childId + " cannot be the new partition's");
        }
        PartitionDescriptor left = PartitionSplits.left(current, token);
        PartitionDescriptor right = PartitionSplits.right(current, token, childId);
        TokenRange childTokens = new TokenRange(token, current.getTokenEnd());
        PartitionBounds childBounds = new PartitionBounds(childId, current.getTableId(), childTokens);
        List<Mutation> mutations = new ArrayList<>();
        mutations.add(new Mutation.Put(KeyCodec.partitionMetaKey(current.getPartitionId(), KeyCodec.META_DESCRIPTOR),
                left.toByteArray()));
        mutations.add(new Mutation.Put(KeyCodec.partitionMetaKey(childId, KeyCodec.META_DESCRIPTOR), right.toByteArray()));
        divideStats(store, childBounds, mutations);
        moveIndexEntries(store, split, childTokens, childId, mutations);
        copyLedger(store, childId, mutations);
        divideTransactions(store, childTokens, childId, mutations);
        return new Outcome(halves(left, right), Optional.of(left), Optional.of(right), mutations);
    }

    /** The descriptor a split stored for {@code partitionId} in this engine, if any. */
    static Optional<PartitionDescriptor> storedDescriptor(PartitionStore store, long partitionId) {
        PartitionStore view = store.bounds().partitionId() == partitionId ? store
                : store.sibling(new PartitionBounds(partitionId, store.bounds().tableId(), TokenRange.WHOLE_RING));
        return view.getMetadata(KeyCodec.partitionMetaKey(partitionId, KeyCodec.META_DESCRIPTOR)).map(bytes -> {
            try {
                return PartitionDescriptor.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("a stored partition descriptor is unreadable", e);
            }
        });
    }

    private static void divideStats(PartitionStore store, PartitionBounds child, List<Mutation> mutations) {
        long[] moved = new long[2];
        store.scan(child.itemStart(), child.itemEnd(), true, (key, value) -> {
            moved[0]++;
            moved[1] += value.length;
            return true;
        });
        PartitionStats before = PartitionStats.read(store);
        PartitionStats kept = new PartitionStats(before.items() - moved[0], before.bytes() - moved[1]);
        mutations.add(kept.write(store));
        mutations.add(new PartitionStats(moved[0], moved[1]).write(store.sibling(child)));
    }

    private static void moveIndexEntries(PartitionStore store, PartitionSplit split, TokenRange childTokens, long childId,
                                         List<Mutation> mutations) {
        Map<Integer, IndexDescriptor> indexes = split.getIndexes().getIndexesList().stream()
                .collect(Collectors.toMap(IndexDescriptor::getIndexId, Function.identity(), (a, b) -> a));
        long tableId = store.bounds().tableId();
        store.scanIndexEntries((key, value) -> {
            int indexId = ByteBuffer.wrap(key, 1 + 8, 4).getInt();
            IndexDescriptor index = indexes.get(indexId);
            if (index == null) {
                return true; // an index this table no longer has: its entries stay with the parent
            }
            byte[] relative = KeyCodec.relativeKeyOf(key);
            byte[] itemKey = KeyCodec.itemKeyOfIndexEntry(tableId, relative, index.hasSortKey() ? 2 : 1);
            if (childTokens.contains(KeyCodec.tokenOf(itemKey))) {
                mutations.add(new Mutation.Delete(key));
                mutations.add(new Mutation.Put(KeyCodec.indexEntryKey(childId, indexId, relative), value));
            }
            return true;
        });
    }

    private static void copyLedger(PartitionStore store, long childId, List<Mutation> mutations) {
        for (byte kind : new byte[] {KeyCodec.META_REQUEST_REPLY, KeyCodec.META_REQUEST_EXPIRY}) {
            eachMetadata(store, kind, (suffix, value) -> mutations.add(new Mutation.Put(metaKey(childId, kind, suffix), value)));
        }
    }

    private static void divideTransactions(PartitionStore store, TokenRange childTokens, long childId, List<Mutation> mutations) {
        long parentId = store.bounds().partitionId();
        eachMetadata(store, KeyCodec.META_TXN_LOCK, (itemKey, lock) -> {
            if (childTokens.contains(KeyCodec.tokenOf(itemKey))) {
                mutations.add(new Mutation.Delete(metaKey(parentId, KeyCodec.META_TXN_LOCK, itemKey)));
                mutations.add(new Mutation.Put(metaKey(childId, KeyCodec.META_TXN_LOCK, itemKey), lock));
            }
        });
        eachMetadata(store, KeyCodec.META_TXN_PENDING, (txnId, stored) -> {
            TxnPrepare prepare = Transactions.parsePrepare(stored);
            List<TxnAction> kept = new ArrayList<>();
            List<TxnAction> moving = new ArrayList<>();
            for (TxnAction action : prepare.getActionsList()) {
                (childTokens.contains(KeyCodec.tokenOf(TxnActions.key(action))) ? moving : kept).add(action);
            }
            if (moving.isEmpty()) {
                return;
            }
            byte[] parentKey = metaKey(parentId, KeyCodec.META_TXN_PENDING, txnId);
            if (kept.isEmpty()) {
                mutations.add(new Mutation.Delete(parentKey));
            } else {
                mutations.add(new Mutation.Put(parentKey, withActions(prepare, kept, moving).toByteArray()));
            }
            mutations.add(new Mutation.Put(metaKey(childId, KeyCodec.META_TXN_PENDING, txnId),
                    withActions(prepare, moving, kept).toByteArray()));
        });
        eachMetadata(store, KeyCodec.META_TXN_DECISION, (txnId, decision) -> {
            Optional<byte[]> coordinator = Transactions.coordinatorKeyOf(decision);
            boolean toChild = coordinator.isEmpty() || childTokens.contains(KeyCodec.tokenOf(coordinator.get()));
            boolean stays = coordinator.isEmpty() || !toChild;
            if (toChild) {
                mutations.add(new Mutation.Put(metaKey(childId, KeyCodec.META_TXN_DECISION, txnId), decision));
            }
            if (!stays) {
                mutations.add(new Mutation.Delete(metaKey(parentId, KeyCodec.META_TXN_DECISION, txnId)));
            }
        });
    }

    /** The prepared actions {@code actions} of one side, remembering the keys {@code elsewhere} of the other. */
    private static TxnPrepare withActions(TxnPrepare prepare, List<TxnAction> actions, List<TxnAction> elsewhere) {
        var side = prepare.toBuilder().clearActions().addAllActions(actions);
        elsewhere.forEach(action -> side.addMovedKeys(ByteString.copyFrom(TxnActions.key(action))));
        return side.build();
    }

    @FunctionalInterface
    private interface MetadataVisitor {
        void visit(byte[] suffix, byte[] value);
    }

    /** Visits every metadata entry of one kind of the store's partition, with its key after the kind. */
    private static void eachMetadata(PartitionStore store, byte kind, MetadataVisitor visitor) {
        byte[] prefix = KeyCodec.partitionMetaKey(store.bounds().partitionId(), kind);
        store.scanMetadata(prefix, KeyCodec.prefixEnd(prefix), (key, value) -> {
            visitor.visit(Arrays.copyOfRange(key, prefix.length, key.length), value);
            return true;
        });
    }

    private static byte[] metaKey(long partitionId, byte kind, byte[] suffix) {
        byte[] prefix = KeyCodec.partitionMetaKey(partitionId, kind);
        byte[] key = Arrays.copyOf(prefix, prefix.length + suffix.length);
        System.arraycopy(suffix, 0, key, prefix.length, suffix.length);
        return key;
    }

    private static WriteResult halves(PartitionDescriptor left, PartitionDescriptor right) {
        return WriteResult.newBuilder().addDescriptors(left).addDescriptors(right).build();
    }

    private static Outcome refused(String why) {
        return new Outcome(WriteResult.newBuilder().setInvalid(why).build(), Optional.empty(), Optional.empty(), List.of());
    }
}
