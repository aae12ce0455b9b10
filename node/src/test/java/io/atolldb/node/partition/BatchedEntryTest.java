package io.atolldb.node.partition;

import static io.atolldb.node.storage.StorageFixtures.itemKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.atolldb.consensus.InvalidCommandException;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.TokenRange;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.StorageEngine;
import io.atolldb.proto.CommandBatch;
import io.atolldb.proto.DeleteItem;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.PutItem;
import io.atolldb.proto.ReadResponse;
import io.atolldb.proto.RoutingError;
import io.atolldb.proto.WriteExpressions;
import io.atolldb.proto.WriteResponse;
import io.atolldb.proto.WriteResponses;

/**
 * A group-committed entry (a {@link CommandBatch}) applies as its commands would one entry each, in
 * order: each sees the writes before it, is judged on its own and gets its own reply.
 */
class BatchedEntryTest {
    private static final long TABLE = 4;
    private static final long T0 = 1_700_000_000_000L;
    private static final byte[] A = itemKey(TABLE, 10, "a");
    private static final byte[] B = itemKey(TABLE, 20, "b");
    private static final byte[] OUTSIDE = itemKey(TABLE, 500, "c");

    @TempDir
    Path dir;
    private StorageEngine engine;
    private PartitionStateMachine machine;

    @BeforeEach
    void open() {
        engine = StorageEngine.open(dir);
        machine = newMachine(engine);
    }

    @AfterEach
    void close() {
        machine.close();
        engine.close();
    }

    private static PartitionStateMachine newMachine(StorageEngine engine) {
        return new PartitionStateMachine(engine.partition(new PartitionBounds(1, TABLE, new TokenRange(0, 100))));
    }

    private static PartitionCommand put(String requestId, byte[] key, byte[] item, String condition) {
        var put = PutItem.newBuilder().setKey(ByteString.copyFrom(key)).setItem(ByteString.copyFrom(item)).setReturnOld(true);
        if (condition != null) {
            put.setExpressions(WriteExpressions.newBuilder().setConditionExpression(condition));
        }
        return PartitionCommand.newBuilder().setRequestId(requestId).setTimestampMillis(T0).setPut(put).build();
    }

    private static PartitionCommand put(String requestId, byte[] key, String value) {
        return put(requestId, key, ItemCodec.encode(item(value)), null);
    }

    private static PartitionCommand delete(String requestId, byte[] key) {
        return PartitionCommand.newBuilder().setRequestId(requestId).setTimestampMillis(T0)
                .setDelete(DeleteItem.newBuilder().setKey(ByteString.copyFrom(key))).build();
    }

    private static Item item(String value) {
        return new Item(Map.of("v", new AttributeValue.S(value)));
    }

    private static byte[] batch(PartitionCommand... commands) {
        return PartitionCommand.newBuilder().setBatch(CommandBatch.newBuilder().addAllCommands(List.of(commands)))
                .build().toByteArray();
    }

    private List<WriteResponse> apply(long index, byte[] entry) throws Exception {
        return WriteResponses.parseFrom(machine.apply(index, 1, entry)).getResponsesList();
    }

    private String stored(byte[] key) throws Exception {
        var result = ReadResponse.parseFrom(machine.query(Commands.read(key))).getResult();
        return result.getFound() ? ((AttributeValue.S) ItemCodec.decode(result.getItem().toByteArray())
                .attributes().get("v")).value() : null;
    }

    @Test
    void eachCommandSeesTheWritesBeforeItAndGetsItsOwnReply() throws Exception {
        var replies = apply(7, batch(put("r1", A, "one"), put("r2", A, "two"), put("r3", B, "three"), delete("r4", B)));

        assertThat(replies).hasSize(4);
        assertThat(replies.get(0).getResult().getHadOld()).isFalse();
        assertThat(ItemCodec.decode(replies.get(1).getResult().getOldItem().toByteArray())).isEqualTo(item("one"));
        assertThat(replies).allSatisfy(reply -> assertThat(reply.getResult().getAppliedIndex()).isEqualTo(7));
        assertThat(stored(A)).isEqualTo("two");
        assertThat(stored(B)).isNull();
        assertThat(machine.lastAppliedIndex()).isEqualTo(7);
        assertThat(machine.stats().items()).as("A stays, B came and went").isEqualTo(1);
    }

    @Test
    void aConditionIsEvaluatedAgainstTheEarlierWritesOfTheSameEntry() throws Exception {
        byte[] first = ItemCodec.encode(item("first"));
        byte[] second = ItemCodec.encode(item("second"));

        var replies = apply(1, batch(put("r1", A, first, "attribute_not_exists(v)"),
                put("r2", A, second, "attribute_not_exists(v)")));

        assertThat(replies.get(0).getResult().getConditionFailed()).isFalse();
        assertThat(replies.get(1).getResult().getConditionFailed()).isTrue();
        assertThat(stored(A)).isEqualTo("first");
    }

    @Test
    void aRetryInsideTheSameEntryIsAnsweredAsTheFirstCopyAndNotAppliedAgain() throws Exception {
        var replies = apply(1, batch(put("r1", A, "one"), put("r2", A, "two"), put("r1", A, "one")));

        assertThat(replies.get(2)).isEqualTo(replies.get(0));
        assertThat(stored(A)).isEqualTo("two");
    }

    @Test
    void aRetryOfAWriteFromAnEarlierEntryIsAnsweredFromTheLedger() throws Exception {
        WriteResponse first = WriteResponse.parseFrom(machine.apply(1, 1, put("r1", A, "one").toByteArray()));

        var replies = apply(2, batch(put("r2", A, "two"), put("r1", A, "one")));

        assertThat(replies.get(1)).isEqualTo(first);
        assertThat(stored(A)).isEqualTo("two");
    }

    @Test
    void aCommandForAnotherPartitionIsRefusedAloneAndTheOthersApply() throws Exception {
        var replies = apply(1, batch(put("r1", A, "one"), put("r2", OUTSIDE, "x"), put("r3", B, "three")));

        assertThat(replies.get(1).getRoutingError().getCode()).isEqualTo(RoutingError.Code.KEY_NOT_IN_PARTITION);
        assertThat(stored(A)).isEqualTo("one");
        assertThat(stored(B)).isEqualTo("three");
    }

    @Test
    void anEmptyBatchIsRefusedBeforeTheLogAndANestedOneIsRefusedAloneInApply() throws Exception {
        PartitionCommand nested = PartitionCommand.newBuilder()
                .setBatch(CommandBatch.newBuilder().addCommands(put("r1", A, "one"))).build();

        assertThatThrownBy(() -> machine.validate(batch())).isInstanceOf(InvalidCommandException.class);
        var replies = apply(1, batch(nested, put("r2", B, "two")));

        assertThat(replies.get(0).getRoutingError().getMessage()).contains("cannot hold another batch");
        assertThat(stored(A)).isNull();
        assertThat(stored(B)).isEqualTo("two");
    }

    @Test
    void twoReplicasFedTheSameBatchedLogEndEqual(@TempDir Path other) throws Exception {
        byte[][] log = {batch(put("r1", A, "one"), put("r2", B, "two")), put("r3", A, "three").toByteArray(),
                batch(put("r1", A, "one"), delete("r4", B), put("r5", B, "five"))};
        try (var otherEngine = StorageEngine.open(other)) {
            var replica = newMachine(otherEngine);
            for (int i = 0; i < log.length; i++) {
                assertThat(replica.apply(i + 1, 1, log[i])).isEqualTo(machine.apply(i + 1, 1, log[i]));
            }
            assertThat(replica.stats()).isEqualTo(machine.stats());
            assertThat(ReadResponse.parseFrom(replica.query(Commands.read(B))))
                    .isEqualTo(ReadResponse.parseFrom(machine.query(Commands.read(B))));
        }
        assertThat(stored(A)).isEqualTo("three");
        assertThat(stored(B)).isEqualTo("five");
    }
}
