package io.atolldb.node.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.atolldb.consensus.ReplicatedStateMachine.SnapshotMark;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.KeyCodec;
import io.atolldb.model.TokenRange;
import io.atolldb.model.Tokens;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.StorageEngine;
import io.atolldb.proto.CommandBatch;
import io.atolldb.proto.DeleteItem;
import io.atolldb.proto.IndexDescriptor;
import io.atolldb.proto.IndexMaintenance;
import io.atolldb.proto.KeyElement;
import io.atolldb.proto.KeyType;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.PartitionQuery;
import io.atolldb.proto.ProjectionType;
import io.atolldb.proto.PutItem;
import io.atolldb.proto.RangeRequest;
import io.atolldb.proto.RangeResponse;
import io.atolldb.proto.UpdateItem;
import io.atolldb.proto.WriteExpressions;
import io.atolldb.proto.WriteResponse;
import io.atolldb.proto.WriteResponses;

/**
 * Apply keeps a partition's secondary index entries in step with its items: written with the item,
 * moved when the index key changes, removed with the item or its index key, untouched by a write that
 * does not happen, and carried by snapshots.
 */
class SecondaryIndexApplyTest {
    private static final long TABLE = 7;
    private static final int GSI = 2;
    private static final int LSI = 1;
    private static final PartitionBounds BOUNDS = new PartitionBounds(11, TABLE, TokenRange.WHOLE_RING);
    /** Table key pk (S) + sk (N); LSI on pk + rank (N), KEYS_ONLY; GSI on colour (S) + rank (N), INCLUDE size. */
    private static final IndexMaintenance INDEXES = IndexMaintenance.newBuilder()
            .addTableKey(key("pk", KeyType.KEY_TYPE_S)).addTableKey(key("sk", KeyType.KEY_TYPE_N))
            .addIndexes(IndexDescriptor.newBuilder().setIndexId(LSI).setName("byRank").setGlobal(false)
                    .setPartitionKey(key("pk", KeyType.KEY_TYPE_S)).setSortKey(key("rank", KeyType.KEY_TYPE_N))
                    .setProjectionType(ProjectionType.PROJECTION_TYPE_KEYS_ONLY))
            .addIndexes(IndexDescriptor.newBuilder().setIndexId(GSI).setName("byColour").setGlobal(true)
                    .setPartitionKey(key("colour", KeyType.KEY_TYPE_S)).setSortKey(key("rank", KeyType.KEY_TYPE_N))
                    .setProjectionType(ProjectionType.PROJECTION_TYPE_INCLUDE).addNonKeyAttributes("size"))
            .build();

    @TempDir
    Path dir;
    private final List<StorageEngine> engines = new ArrayList<>();
    private PartitionStateMachine machine;
    private long index;
    private int requests;

    @BeforeEach
    void open() {
        machine = replica("leader");
    }

    @AfterEach
    void close() {
        engines.forEach(StorageEngine::close);
    }

    private PartitionStateMachine replica(String name) {
        StorageEngine engine = StorageEngine.open(dir.resolve(name));
        engines.add(engine);
        return new PartitionStateMachine(engine.partition(BOUNDS));
    }

    @Test
    void aPutWritesOneEntryPerIndexWithItsProjection() {
        put(item("a", 1, "red", 5, "L"));

        assertThat(gsi("red")).containsExactly(Map.of("pk", s("a"), "sk", n(1), "colour", s("red"), "rank", n(5), "size", s("L")));
        assertThat(lsi("a")).containsExactly(Map.of("pk", s("a"), "sk", n(1), "rank", n(5)));
    }

    @Test
    void overwritingMovesTheEntryAndAnItemWithoutTheIndexKeyIsNotInTheIndex() {
        put(item("a", 1, "red", 5, "L"));
        put(item("a", 1, "blue", 6, "M"));
        put(item("b", 2, null, 7, "S"));

        assertThat(gsi("red")).isEmpty();
        assertThat(gsi("blue")).extracting(m -> m.get("size")).containsExactly(s("M"));
        assertThat(lsi("b")).hasSize(1);
        assertThat(allEntries(GSI)).as("b has no colour: sparse").hasSize(1);
    }

    @Test
    void deletingAnItemOrRemovingItsIndexKeyRemovesTheEntry() {
        put(item("a", 1, "red", 5, "L"));
        put(item("b", 2, "red", 6, "L"));

        apply(command().setDelete(DeleteItem.newBuilder().setKey(itemKey("a", 1)).setIndexes(INDEXES)));
        apply(update("b", 2, "REMOVE colour", Map.of()));

        assertThat(gsi("red")).isEmpty();
        assertThat(lsi("a")).isEmpty();
        assertThat(lsi("b")).as("b still has its rank").hasSize(1);
    }

    @Test
    void entriesAreOrderedByIndexSortKeyThenTableKey() {
        put(item("c", 1, "red", 9, "L"));
        put(item("a", 2, "red", 3, "L"));
        put(item("b", 3, "red", 3, "L"));

        assertThat(gsi("red")).extracting(m -> m.get("pk")).containsExactly(s("a"), s("b"), s("c"));
    }

    @Test
    void aFailedConditionLeavesTheIndexAlone() {
        put(item("a", 1, "red", 5, "L"));

        WriteResponse reply = apply(command().setPut(PutItem.newBuilder().setKey(itemKey("a", 1))
                .setItem(encode(item("a", 1, "blue", 5, "L"))).setIndexes(INDEXES)
                .setExpressions(WriteExpressions.newBuilder().setConditionExpression("attribute_not_exists(pk)"))));

        assertThat(reply.getResult().getConditionFailed()).isTrue();
        assertThat(gsi("red")).hasSize(1);
        assertThat(gsi("blue")).isEmpty();
    }

    @Test
    void anUpdateGivingAnIndexKeyTheWrongTypeIsRefusedAndChangesNothing() {
        put(item("a", 1, "red", 5, "L"));

        WriteResponse reply = apply(update("a", 1, "SET colour = :c", Map.of(":c", n(3))));

        assertThat(reply.getResult().getInvalid()).isEqualTo("One or more parameter values were invalid: Type mismatch "
                + "for Index Key colour Expected: S Actual: N IndexName: byColour");
        assertThat(gsi("red")).hasSize(1);
    }

    @Test
    void writesOfOneBatchSeeEachOthersIndexChanges() throws Exception {
        var batch = CommandBatch.newBuilder()
                .addCommands(putCommand(item("a", 1, "red", 5, "L")))
                .addCommands(putCommand(item("a", 1, "blue", 5, "L")))
                .addCommands(putCommand(item("b", 2, "red", 1, "L")))
                .addCommands(command().setDelete(DeleteItem.newBuilder().setKey(itemKey("b", 2)).setIndexes(INDEXES)));
        WriteResponses.parseFrom(machine.apply(++index, 1, PartitionCommand.newBuilder().setBatch(batch).build().toByteArray()));

        assertThat(gsi("red")).isEmpty();
        assertThat(gsi("blue")).extracting(m -> m.get("pk")).containsExactly(s("a"));
        assertThat(allEntries(LSI)).hasSize(1);
    }

    @Test
    void aLocalIndexReadCanAnswerTheTableItems() {
        put(item("a", 1, "red", 5, "L"));

        var items = read(RangeRequest.newBuilder().setIndexId(LSI).setFrom(ByteString.copyFrom(KeyCodec.concat(s("a"))))
                .setTo(ByteString.copyFrom(KeyCodec.prefixEnd(KeyCodec.concat(s("a"))))).setForward(true)
                .setFetchItems(true).setIndexKeyValues(2));

        assertThat(items).containsExactly(item("a", 1, "red", 5, "L").attributes());
    }

    @Test
    void aSnapshotInstalledElsewhereHasTheSameIndexEntries() throws Exception {
        put(item("a", 1, "red", 5, "L"));
        put(item("b", 2, "blue", 6, "M"));
        PartitionStateMachine follower = replica("follower");
        follower.apply(1, 1, putCommand(item("z", 9, "green", 1, "S")).build().toByteArray());
        Path snapshot = Files.createDirectory(dir.resolve("snapshot"));

        SnapshotMark mark = machine.writeSnapshot(snapshot);
        follower.installSnapshot(snapshot, mark);

        PartitionStateMachine leader = machine;
        machine = follower;
        List<Map<String, AttributeValue>> followerGsi = allEntries(GSI);
        List<Map<String, AttributeValue>> followerLsi = allEntries(LSI);
        machine = leader;
        assertThat(followerGsi).isEqualTo(allEntries(GSI)).hasSize(2);
        assertThat(followerLsi).isEqualTo(allEntries(LSI)).hasSize(2);
    }

    // ---- helpers ----

    private static KeyElement key(String name, KeyType type) {
        return KeyElement.newBuilder().setAttributeName(name).setType(type).build();
    }

    private static AttributeValue s(String text) {
        return new AttributeValue.S(text);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.N.of(Long.toString(value));
    }

    private static Item item(String pk, long sk, String colour, long rank, String size) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("pk", s(pk));
        attributes.put("sk", n(sk));
        if (colour != null) {
            attributes.put("colour", s(colour));
        }
        attributes.put("rank", n(rank));
        attributes.put("size", s(size));
        attributes.put("note", s("not projected"));
        return new Item(attributes);
    }

    private static ByteString encode(Item item) {
        return ByteString.copyFrom(ItemCodec.encode(item));
    }

    private static ByteString itemKey(String pk, long sk) {
        return ByteString.copyFrom(KeyCodec.itemKey(TABLE, Tokens.of(TABLE, s(pk)), s(pk), n(sk)));
    }

    private PartitionCommand.Builder command() {
        return PartitionCommand.newBuilder().setRequestId("r" + (++requests)).setTimestampMillis(1_700_000_000_000L);
    }

    private PartitionCommand.Builder putCommand(Item item) {
        String pk = ((AttributeValue.S) item.get("pk")).value();
        long sk = ((AttributeValue.N) item.get("sk")).value().longValueExact();
        return command().setPut(PutItem.newBuilder().setKey(itemKey(pk, sk)).setItem(encode(item)).setIndexes(INDEXES));
    }

    private void put(Item item) {
        assertThat(apply(putCommand(item)).getResult().getInvalid()).isEmpty();
    }

    private PartitionCommand.Builder update(String pk, long sk, String expression, Map<String, AttributeValue> values) {
        var expressions = WriteExpressions.newBuilder();
        if (!values.isEmpty()) {
            expressions.setValues(encode(new Item(values)));
        }
        return command().setUpdate(UpdateItem.newBuilder().setKey(itemKey(pk, sk))
                .setKeyAttributes(encode(new Item(Map.of("pk", s(pk), "sk", n(sk)))))
                .addAllKeySchema(INDEXES.getTableKeyList()).setUpdateExpression(expression)
                .setExpressions(expressions).setIndexes(INDEXES));
    }

    private WriteResponse apply(PartitionCommand.Builder command) {
        return Commands.writeResponse(machine.apply(++index, 1, command.build().toByteArray()));
    }

    private List<Map<String, AttributeValue>> gsi(String colour) {
        byte[] prefix = KeyCodec.concat(s(colour));
        return read(RangeRequest.newBuilder().setIndexId(GSI).setFrom(ByteString.copyFrom(prefix))
                .setTo(ByteString.copyFrom(KeyCodec.prefixEnd(prefix))).setForward(true));
    }

    private List<Map<String, AttributeValue>> lsi(String pk) {
        byte[] prefix = KeyCodec.concat(s(pk));
        return read(RangeRequest.newBuilder().setIndexId(LSI).setFrom(ByteString.copyFrom(prefix))
                .setTo(ByteString.copyFrom(KeyCodec.prefixEnd(prefix))).setForward(true));
    }

    private List<Map<String, AttributeValue>> allEntries(int indexId) {
        return read(RangeRequest.newBuilder().setIndexId(indexId).setForward(true));
    }

    private List<Map<String, AttributeValue>> read(RangeRequest.Builder request) {
        try {
            var response = RangeResponse.parseFrom(machine.query(PartitionQuery.newBuilder()
                    .setRange(request.setPartitionId(BOUNDS.partitionId())).build().toByteArray()));
            return response.getResult().getItemsList().stream()
                    .map(entry -> ItemCodec.decode(entry.getItem().toByteArray()).attributes()).toList();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
