package io.atolldb.node.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Bytes;
import io.atolldb.model.Item;
import io.atolldb.model.KeyCodec;
import io.atolldb.model.TokenRange;
import io.atolldb.model.Tokens;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.StorageEngine;
import io.atolldb.proto.Epoch;
import io.atolldb.proto.IndexDescriptor;
import io.atolldb.proto.IndexMaintenance;
import io.atolldb.proto.KeyElement;
import io.atolldb.proto.KeyType;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.PartitionQuery;
import io.atolldb.proto.PartitionSplit;
import io.atolldb.proto.ProjectionType;
import io.atolldb.proto.PutItem;
import io.atolldb.proto.DeleteItem;
import io.atolldb.proto.RangeRequest;
import io.atolldb.proto.RangeResponse;
import io.atolldb.proto.RoutingError;
import io.atolldb.proto.TxnAction;
import io.atolldb.proto.TxnDecide;
import io.atolldb.proto.TxnDecision;
import io.atolldb.proto.TxnFinish;
import io.atolldb.proto.TxnPrepare;
import io.atolldb.proto.WriteResponse;
import io.atolldb.proto.WriteResult;

/**
 * A split in place (docs/ARCHITECTURE.md, "Life of a split") divides a partition exactly: each half holds
 * the items of its tokens, the index entries of those items, their transaction locks and prepared actions,
 * their count and bytes, and the whole request ledger; and each half then behaves as a partition that had
 * only ever held its own items. Checked differentially: every half is compared with a reference partition
 * built by writing only that half's items.
 */
class PartitionSplitTest {
    private static final long TABLE = 7;
    private static final long PARENT = 11;
    private static final long CHILD = 12;
    private static final int LSI = 1;
    private static final int GSI = 2;
    /** Table key pk (S) + sk (N); LSI on pk + rank, KEYS_ONLY; GSI on colour + rank, ALL. */
    private static final IndexMaintenance INDEXES = IndexMaintenance.newBuilder()
            .addTableKey(key("pk", KeyType.KEY_TYPE_S)).addTableKey(key("sk", KeyType.KEY_TYPE_N))
            .addIndexes(IndexDescriptor.newBuilder().setIndexId(LSI).setName("byRank").setGlobal(false)
                    .setPartitionKey(key("pk", KeyType.KEY_TYPE_S)).setSortKey(key("rank", KeyType.KEY_TYPE_N))
                    .setProjectionType(ProjectionType.PROJECTION_TYPE_KEYS_ONLY))
            .addIndexes(IndexDescriptor.newBuilder().setIndexId(GSI).setName("byColour").setGlobal(true)
                    .setPartitionKey(key("colour", KeyType.KEY_TYPE_S))
                    .setProjectionType(ProjectionType.PROJECTION_TYPE_ALL))
            .build();

    @TempDir
    Path dir;
    private final List<StorageEngine> engines = new ArrayList<>();
    private final List<PartitionDescriptor> splitsSeen = new ArrayList<>();
    private long index;
    private int requests;

    @AfterEach
    void close() {
        engines.forEach(StorageEngine::close);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void eachHalfHoldsExactlyWhatAPartitionOfOnlyItsItemsWouldHold(long seed) {
        Random random = new Random(seed);
        StorageEngine engine = engine("split");
        PartitionStateMachine parent = machine(engine, PARENT, TokenRange.WHOLE_RING);
        Map<Bytes, Item> model = new TreeMap<>();
        List<PartitionCommand> applied = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String pk = "p" + random.nextInt(60);
            long sk = random.nextInt(10);
            Bytes key = Bytes.wrap(itemKey(pk, sk));
            if (random.nextInt(6) == 0) {
                PartitionCommand delete = command().setDelete(DeleteItem.newBuilder()
                        .setKey(ByteString.copyFrom(key.toByteArray())).setIndexes(INDEXES)).build();
                apply(parent, delete);
                applied.add(delete);
                model.remove(key);
            } else {
                Item item = item(pk, sk, random.nextBoolean() ? "colour" + random.nextInt(5) : null, random.nextInt(100));
                PartitionCommand put = putCommand(item);
                apply(parent, put);
                applied.add(put);
                model.put(key, item);
            }
        }
        List<Long> tokens = model.keySet().stream().map(k -> KeyCodec.tokenOf(k.toByteArray())).distinct().sorted(Long::compareUnsigned).toList();
        long splitToken = tokens.get(1 + random.nextInt(tokens.size() - 1));

        WriteResult result = split(parent, splitToken, 1);

        PartitionDescriptor left = result.getDescriptors(0);
        PartitionDescriptor right = result.getDescriptors(1);
        assertThat(left.getPartitionId()).isEqualTo(PARENT);
        assertThat(left.getTokenEnd()).isEqualTo(splitToken);
        assertThat(right.getPartitionId()).isEqualTo(CHILD);
        assertThat(right.getTokenStart()).isEqualTo(splitToken);
        assertThat(right.getParentPartitionId()).isEqualTo(PARENT);
        assertThat(left.getEpoch().getSplitVersion()).isEqualTo(2);
        assertThat(right.getEpoch().getSplitVersion()).isEqualTo(2);
        assertThat(parent.descriptor()).isEqualTo(left);
        assertThat(splitsSeen).containsExactly(right);
        PartitionStateMachine child = machine(engine, right);
        assertThat(child.descriptor().getTokenStart()).isEqualTo(splitToken);

        TokenRange leftRange = new TokenRange(0, splitToken);
        for (var half : List.of(new Half(parent, leftRange, PARENT), new Half(child, new TokenRange(splitToken, 0), CHILD))) {
            Map<Bytes, Item> expected = new TreeMap<>();
            model.forEach((k, v) -> {
                if (half.range().contains(KeyCodec.tokenOf(k.toByteArray()))) {
                    expected.put(k, v);
                }
            });
            PartitionStateMachine reference = machine(engine("reference-" + half.id()), half.id(), TokenRange.WHOLE_RING);
            expected.values().forEach(item -> apply(reference, putCommand(item)));

            assertThat(items(half.machine(), half.id())).as("items").isEqualTo(items(reference, half.id()));
            assertThat(items(half.machine(), half.id())).hasSize(expected.size());
            assertThat(entries(half.machine(), half.id(), LSI)).as("LSI entries").isEqualTo(entries(reference, half.id(), LSI));
            assertThat(entries(half.machine(), half.id(), GSI)).as("GSI entries").isEqualTo(entries(reference, half.id(), GSI));
            assertThat(half.machine().stats()).as("stats").isEqualTo(reference.stats());
            assertThat(half.machine().stats().items()).isEqualTo(expected.size());
        }

        // The ledger went to both halves: every write applied before the split, retried now at the half that
        // owns its key, is answered as applied and changes nothing.
        for (PartitionCommand earlier : applied.subList(applied.size() - 50, applied.size())) {
            byte[] key = (earlier.hasPut() ? earlier.getPut().getKey() : earlier.getDelete().getKey()).toByteArray();
            PartitionStateMachine owner = leftRange.contains(KeyCodec.tokenOf(key)) ? parent : child;
            var statsBefore = owner.stats();
            WriteResponse again = apply(owner, earlier);
            assertThat(again.hasResult()).isTrue();
            assertThat(owner.stats()).isEqualTo(statsBefore);
        }
        assertThat(items(parent, PARENT).size() + items(child, CHILD).size()).isEqualTo(model.size());
    }

    @Test
    void aKeyOfTheOtherHalfIsRefusedNamingBothHalvesAndAnOldEpochIsRefusedForReads() throws Exception {
        StorageEngine engine = engine("refusals");
        PartitionStateMachine parent = machine(engine, PARENT, TokenRange.WHOLE_RING);
        Item low = item("a", 1, null, 1);
        Item high = item("b", 1, null, 1);
        long lowToken = Tokens.of(TABLE, low.get("pk"));
        long highToken = Tokens.of(TABLE, high.get("pk"));
        if (Long.compareUnsigned(lowToken, highToken) > 0) {
            Item swap = low;
            low = high;
            high = swap;
        }
        apply(parent, putCommand(low));
        apply(parent, putCommand(high));
        long splitToken = Tokens.of(TABLE, high.get("pk"));
        WriteResult halves = split(parent, splitToken, 1);

        WriteResponse refused = apply(parent, putCommand(high));
        assertThat(refused.getRoutingError().getCode()).isEqualTo(RoutingError.Code.KEY_NOT_IN_PARTITION);
        assertThat(refused.getRoutingError().getCurrent()).isEqualTo(halves.getDescriptors(0));
        assertThat(refused.getRoutingError().getRelatedList()).containsExactly(halves.getDescriptors(1));

        RangeResponse stale = RangeResponse.parseFrom(parent.query(PartitionQuery.newBuilder().setRange(RangeRequest.newBuilder()
                .setPartitionId(PARENT).setEpoch(Epoch.newBuilder().setConfVersion(1).setSplitVersion(1)).setForward(true))
                .build().toByteArray()));
        assertThat(stale.getRoutingError().getCode()).isEqualTo(RoutingError.Code.EPOCH_MISMATCH);
        assertThat(stale.getRoutingError().getRelatedList()).containsExactly(halves.getDescriptors(1));
    }

    @Test
    void aRepeatedSplitAnswersTheSameHalvesAndAStaleOneIsRefusedWithoutChange() {
        StorageEngine engine = engine("repeat");
        PartitionStateMachine parent = machine(engine, PARENT, TokenRange.WHOLE_RING);
        apply(parent, putCommand(item("a", 1, "red", 3)));
        long token = Long.MIN_VALUE; // 2^63: the middle of the ring

        WriteResult first = split(parent, token, 1);
        var statsAfterFirst = parent.stats();
        WriteResult again = split(parent, token, 1);
        WriteResult stale = split(parent, token + 1, 1);

        assertThat(again.getDescriptorsList()).isEqualTo(first.getDescriptorsList());
        assertThat(again.getInvalid()).isEmpty();
        assertThat(stale.getInvalid()).contains("split version is 2, not 1");
        assertThat(stale.getDescriptorsList()).isEmpty();
        assertThat(parent.stats()).isEqualTo(statsAfterFirst);
        assertThat(parent.descriptor()).isEqualTo(first.getDescriptors(0));
    }

    @Test
    void aTransactionPreparedBeforeASplitFinishesOnBothHalvesAndItsDecisionFollowsTheCoordinatorKey() {
        StorageEngine engine = engine("txn");
        PartitionStateMachine parent = machine(engine, PARENT, TokenRange.WHOLE_RING);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(item("t" + i, 1, null, i));
        }
        items.sort((a, b) -> Long.compareUnsigned(Tokens.of(TABLE, a.get("pk")), Tokens.of(TABLE, b.get("pk"))));
        Item lowItem = items.get(2);
        Item highItem = items.get(17);
        long splitToken = Tokens.of(TABLE, items.get(10).get("pk"));
        byte[] lowKey = itemKey(lowItem);
        byte[] highKey = itemKey(highItem);
        // A transaction whose coordinator key is the high item: its decision must end up in the child.
        var prepare = TxnPrepare.newBuilder().setTxnId("txn-1").setCoordinatorKey(ByteString.copyFrom(highKey))
                .addActions(TxnAction.newBuilder().setPut(putOf(lowItem)))
                .addActions(TxnAction.newBuilder().setPut(putOf(highItem)));
        assertThat(apply(parent, command().setPrepare(prepare).build()).getResult().getActionsList())
                .allSatisfy(outcome -> assertThat(outcome.getCode()).isEqualTo(io.atolldb.proto.ActionOutcome.Code.NONE));
        WriteResult halves = split(parent, splitToken, 1);
        PartitionStateMachine child = machine(engine, halves.getDescriptors(1));

        // The lock went with the high item: a plain write to it in the child meets the transaction.
        assertThat(apply(child, putCommand(highItem)).getResult().getConflict().getTxnId()).isEqualTo("txn-1");
        // The coordinator (the child, owning the high key) decides and applies its part; it names the other part.
        WriteResult decided = apply(child, command().setDecide(TxnDecide.newBuilder().setTxnId("txn-1")
                .setKey(ByteString.copyFrom(highKey)).setCommit(true)).build()).getResult();
        assertThat(decided.getDecision()).isEqualTo(TxnDecision.TXN_COMMITTED);
        assertThat(decided.getMovedKeysList()).containsExactly(ByteString.copyFrom(lowKey));
        WriteResult finished = apply(parent, command().setFinish(TxnFinish.newBuilder().setTxnId("txn-1")
                .setKey(ByteString.copyFrom(lowKey)).setCommit(true)).build()).getResult();
        assertThat(finished.getMovedKeysList()).containsExactly(ByteString.copyFrom(highKey));
        // A repeated finish answers the other part again (its first answer may have been lost).
        WriteResult repeated = apply(parent, command().setFinish(TxnFinish.newBuilder().setTxnId("txn-1")
                .setKey(ByteString.copyFrom(lowKey)).setCommit(true)).build()).getResult();
        assertThat(repeated.getMovedKeysList()).containsExactly(ByteString.copyFrom(highKey));

        assertThat(items(parent, PARENT)).contains(lowItem.attributes());
        assertThat(items(child, CHILD)).contains(highItem.attributes());
        // No lock is left: plain writes to both items go through.
        assertThat(apply(parent, putCommand(lowItem)).getResult().hasConflict()).isFalse();
        assertThat(apply(child, putCommand(highItem)).getResult().hasConflict()).isFalse();
        // The decision is kept by the child alone (it owns the coordinator key).
        assertThat(apply(child, command().setResolve(io.atolldb.proto.TxnResolve.newBuilder().setTxnId("txn-1")
                .setKey(ByteString.copyFrom(highKey))).build()).getResult().getDecision()).isEqualTo(TxnDecision.TXN_COMMITTED);
        assertThat(apply(parent, command().setResolve(io.atolldb.proto.TxnResolve.newBuilder().setTxnId("txn-1")
                .setKey(ByteString.copyFrom(lowKey))).build()).getResult().getDecision()).isEqualTo(TxnDecision.TXN_ABORTED);
    }

    private record Half(PartitionStateMachine machine, TokenRange range, long id) {
    }

    // ---- helpers ----

    private StorageEngine engine(String name) {
        StorageEngine engine = StorageEngine.open(dir.resolve(name));
        engines.add(engine);
        return engine;
    }

    private PartitionStateMachine machine(StorageEngine engine, long partitionId, TokenRange range) {
        return machine(engine, PartitionDescriptor.newBuilder().setPartitionId(partitionId).setTableId(TABLE)
                .setTokenStart(range.start()).setTokenEnd(range.end())
                .setEpoch(Epoch.newBuilder().setConfVersion(1).setSplitVersion(1)).build());
    }

    private PartitionStateMachine machine(StorageEngine engine, PartitionDescriptor descriptor) {
        var bounds = new PartitionBounds(descriptor.getPartitionId(), TABLE,
                new TokenRange(descriptor.getTokenStart(), descriptor.getTokenEnd()));
        return new PartitionStateMachine(engine.partition(bounds), descriptor, (left, right) -> splitsSeen.add(right));
    }

    private WriteResult split(PartitionStateMachine machine, long token, long expectedVersion) {
        WriteResponse response = apply(machine, command().setSplit(PartitionSplit.newBuilder().setChildPartitionId(CHILD)
                .setSplitToken(token).setExpectedSplitVersion(expectedVersion).setIndexes(INDEXES)).build());
        return response.getResult();
    }

    private WriteResponse apply(PartitionStateMachine machine, PartitionCommand command) {
        return Commands.writeResponse(machine.apply(++index, 1, command.toByteArray()));
    }

    private PartitionCommand.Builder command() {
        return PartitionCommand.newBuilder().setRequestId("r" + (++requests)).setTimestampMillis(1_700_000_000_000L);
    }

    private PartitionCommand putCommand(Item item) {
        return command().setPut(putOf(item)).build();
    }

    private static PutItem putOf(Item item) {
        return PutItem.newBuilder().setKey(ByteString.copyFrom(itemKey(item)))
                .setItem(ByteString.copyFrom(ItemCodec.encode(item))).setIndexes(INDEXES).build();
    }

    private static List<Map<String, AttributeValue>> items(PartitionStateMachine machine, long partitionId) {
        return read(machine, RangeRequest.newBuilder().setPartitionId(partitionId).setForward(true));
    }

    private static List<Map<String, AttributeValue>> entries(PartitionStateMachine machine, long partitionId, int indexId) {
        return read(machine, RangeRequest.newBuilder().setPartitionId(partitionId).setIndexId(indexId)
                .setIndexKeyValues(indexId == LSI ? 2 : 1).setForward(true));
    }

    private static List<Map<String, AttributeValue>> read(PartitionStateMachine machine, RangeRequest.Builder request) {
        try {
            var response = RangeResponse.parseFrom(machine.query(PartitionQuery.newBuilder().setRange(request).build().toByteArray()));
            assertThat(response.hasRoutingError()).as("read refused: %s", response.getRoutingError()).isFalse();
            return response.getResult().getItemsList().stream()
                    .map(entry -> ItemCodec.decode(entry.getItem().toByteArray()).attributes()).toList();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static KeyElement key(String name, KeyType type) {
        return KeyElement.newBuilder().setAttributeName(name).setType(type).build();
    }

    private static Item item(String pk, long sk, String colour, long rank) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("pk", new AttributeValue.S(pk));
        attributes.put("sk", AttributeValue.N.of(Long.toString(sk)));
        if (colour != null) {
            attributes.put("colour", new AttributeValue.S(colour));
        }
        attributes.put("rank", AttributeValue.N.of(Long.toString(rank)));
        return new Item(attributes);
    }

    private static byte[] itemKey(String pk, long sk) {
        AttributeValue p = new AttributeValue.S(pk);
        return KeyCodec.itemKey(TABLE, Tokens.of(TABLE, p), p, AttributeValue.N.of(Long.toString(sk)));
    }

    private static byte[] itemKey(Item item) {
        return itemKey(((AttributeValue.S) item.get("pk")).value(),
                ((AttributeValue.N) item.get("sk")).value().longValueExact());
    }
}
