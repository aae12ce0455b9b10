package io.atolldb.node.partition;

import static io.atolldb.node.partition.Commands.delete;
import static io.atolldb.node.partition.Commands.put;
import static io.atolldb.node.partition.Commands.read;
import static io.atolldb.node.partition.Commands.readResponse;
import static io.atolldb.node.partition.Commands.item;
import static io.atolldb.node.partition.Commands.writeResponse;
import static io.atolldb.node.storage.StorageFixtures.contents;
import static io.atolldb.node.storage.StorageFixtures.itemKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atolldb.consensus.InvalidCommandException;
import io.atolldb.model.TokenRange;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.PartitionStore;
import io.atolldb.node.storage.StorageEngine;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.ReadResponse;
import io.atolldb.proto.RoutingError;
import io.atolldb.proto.WriteResponse;
import io.atolldb.proto.WriteResult;
import io.atolldb.proto.PutItem;
import io.atolldb.proto.UpdateItem;
import io.atolldb.proto.KeyElement;
import io.atolldb.proto.KeyType;
import io.atolldb.proto.WriteExpressions;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.codec.ItemCodec;
import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;

class PartitionStateMachineTest {
    private static final long TABLE = 21;
    private static final PartitionBounds BOUNDS = new PartitionBounds(8, TABLE, new TokenRange(100, 200));
    private static final byte[] KEY = itemKey(TABLE, 150, "k");
    private static final byte[] OTHER_PARTITION_KEY = itemKey(TABLE, 200, "k");
    private static final byte[] OTHER_TABLE_KEY = itemKey(TABLE + 1, 150, "k");

    @TempDir
    Path dir;
    private StorageEngine engine;
    private PartitionStore store;
    private PartitionStateMachine machine;

    @BeforeEach
    void openMachine() {
        engine = StorageEngine.open(dir);
        store = engine.partition(BOUNDS);
        machine = new PartitionStateMachine(store);
    }

    @AfterEach
    void closeMachine() {
        machine.close();
        engine.close();
    }

    @Test
    void aPutIsReadBackAndRepliesItsAppliedIndex() {
        WriteResponse reply = writeResponse(machine.apply(1, 1, put(KEY, "item", false)));
        ReadResponse read = readResponse(machine.query(read(KEY)));

        assertThat(reply.getResult().getAppliedIndex()).isEqualTo(1);
        assertThat(reply.getResult().getHadOld()).isFalse();
        assertThat(read.getResult().getFound()).isTrue();
        assertThat(read.getResult().getItem()).isEqualTo(item("item"));
        assertThat(machine.lastAppliedIndex()).isEqualTo(1);
    }

    @Test
    void theAppliedIndexKeptInMemoryIsTheStoresAfterAppliesARefusedEntryAndAReopen() {
        machine.apply(1, 1, put(KEY, "a", false));
        machine.apply(2, 1, put(KEY, "b", false));

        assertThatThrownBy(() -> machine.apply(1, 1, put(KEY, "c", false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not after the applied index 2");

        assertThat(machine.lastAppliedIndex()).isEqualTo(2).isEqualTo(store.appliedIndex());
        assertThat(readResponse(machine.query(read(KEY))).getResult().getItem()).isEqualTo(item("b"));
        assertThat(new PartitionStateMachine(engine.partition(BOUNDS)).lastAppliedIndex()).isEqualTo(2);
    }

    @Test
    void aPutWithReturnOldRepliesTheItemItReplaced() {
        machine.apply(1, 1, put(KEY, "first", false));

        WriteResponse reply = writeResponse(machine.apply(2, 1, put(KEY, "second", true)));

        assertThat(reply.getResult().getHadOld()).isTrue();
        assertThat(reply.getResult().getOldItem()).isEqualTo(item("first"));
        assertThat(readResponse(machine.query(read(KEY))).getResult().getItem()).isEqualTo(item("second"));
    }

    @Test
    void aPutWithoutReturnOldRepliesNoOldItem() {
        machine.apply(1, 1, put(KEY, "first", false));

        WriteResponse reply = writeResponse(machine.apply(2, 1, put(KEY, "second", false)));

        assertThat(reply.getResult().getHadOld()).isFalse();
        assertThat(reply.getResult().getOldItem().isEmpty()).isTrue();
    }

    @Test
    void aDeleteWithReturnOldRepliesTheItemAndRemovesIt() {
        machine.apply(1, 1, put(KEY, "doomed", false));

        WriteResponse reply = writeResponse(machine.apply(2, 1, delete(KEY, true)));

        assertThat(reply.getResult().getHadOld()).isTrue();
        assertThat(reply.getResult().getOldItem()).isEqualTo(item("doomed"));
        assertThat(reply.getResult().getAppliedIndex()).isEqualTo(2);
        assertThat(readResponse(machine.query(read(KEY))).getResult().getFound()).isFalse();
    }

    /** Item {"v": S text} has DynamoDB size 1 + text length. */
    @Test
    void writesReplyTheItemSizesBeforeAndAfterForCapacityArithmetic() {
        WriteResult created = writeResponse(machine.apply(1, 1, put(KEY, "abc", false))).getResult();
        WriteResult replaced = writeResponse(machine.apply(2, 1, put(KEY, "abcdefgh", false))).getResult();
        WriteResult failed = writeResponse(machine.apply(3, 1, conditionalPut(KEY, "x", "attribute_not_exists(v)")))
                .getResult();
        WriteResult deleted = writeResponse(machine.apply(4, 1, delete(KEY, false))).getResult();
        WriteResult deletedNothing = writeResponse(machine.apply(5, 1, delete(KEY, false))).getResult();

        assertThat(List.of(created.getOldSize(), created.getNewSize())).containsExactly(0L, 4L);
        assertThat(List.of(replaced.getOldSize(), replaced.getNewSize())).containsExactly(4L, 9L);
        assertThat(failed.getConditionFailed()).isTrue();
        assertThat(List.of(failed.getOldSize(), failed.getNewSize())).containsExactly(9L, 0L);
        assertThat(List.of(deleted.getOldSize(), deleted.getNewSize())).containsExactly(9L, 0L);
        assertThat(List.of(deletedNothing.getOldSize(), deletedNothing.getNewSize())).containsExactly(0L, 0L);
    }

    @Test
    void anUpdateRepliesTheSizesOfTheItemBeforeAndAfterIt() {
        machine.apply(1, 1, put(KEY, "abc", false));

        WriteResult updated = writeResponse(machine.apply(2, 1, update(KEY, "SET w = v"))).getResult();

        // {"v": "abc"} is 4 bytes; SET w = v adds "w" (1) and "abc" (3).
        assertThat(List.of(updated.getOldSize(), updated.getNewSize())).containsExactly(4L, 8L);
    }

    private static byte[] conditionalPut(byte[] key, String text, String condition) {
        return PartitionCommand.newBuilder().setRequestId("conditional-" + text).setTimestampMillis(1_700_000_000_000L)
                .setPut(PutItem.newBuilder().setKey(ByteString.copyFrom(key)).setItem(item(text))
                        .setExpressions(WriteExpressions.newBuilder().setConditionExpression(condition)))
                .build().toByteArray();
    }

    private static byte[] update(byte[] key, String expression) {
        return PartitionCommand.newBuilder().setRequestId("update-" + expression).setTimestampMillis(1_700_000_000_000L)
                .setUpdate(UpdateItem.newBuilder().setKey(ByteString.copyFrom(key))
                        .setKeyAttributes(ByteString.copyFrom(ItemCodec.encode(new Item(Map.of("k", new AttributeValue.S("k"))))))
                        .addKeySchema(KeyElement.newBuilder().setAttributeName("k").setType(KeyType.KEY_TYPE_S))
                        .setUpdateExpression(expression))
                .build().toByteArray();
    }

    @Test
    void aDeleteOfAMissingItemRepliesThatThereWasNone() {
        WriteResponse reply = writeResponse(machine.apply(1, 1, delete(KEY, true)));

        assertThat(reply.getResult().getHadOld()).isFalse();
        assertThat(machine.lastAppliedIndex()).isEqualTo(1);
    }

    @Test
    void validateAcceptsPutsAndDeletesOfThisPartitionsItems() {
        assertThatCode(() -> machine.validate(put(KEY, "item", true))).doesNotThrowAnyException();
        assertThatCode(() -> machine.validate(delete(KEY, false))).doesNotThrowAnyException();
    }

    @Test
    void validateRejectsKeysThisPartitionDoesNotOwn() {
        assertThatThrownBy(() -> machine.validate(put(OTHER_PARTITION_KEY, "item", false)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("token 200");
        assertThatThrownBy(() -> machine.validate(delete(OTHER_TABLE_KEY, false)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("table 22");
        assertThatThrownBy(() -> machine.validate(put(new byte[] {1, 2, 3}, "item", false)))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("not an item key");
    }

    @Test
    void validateRejectsBytesThatAreNoCommand() {
        assertThatThrownBy(() -> machine.validate(new byte[] {(byte) 0xff, 0x01}))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("not a PartitionCommand");
        assertThatThrownBy(() -> machine.validate(PartitionCommand.newBuilder().setRequestId("r").build().toByteArray()))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("no operation");
    }

    @Test
    void applyingAKeyOutsideThePartitionRepliesKeyNotInPartitionAndOnlyAdvancesTheAppliedIndex() {
        machine.apply(1, 1, put(KEY, "item", false));

        WriteResponse reply = writeResponse(machine.apply(2, 1, put(OTHER_PARTITION_KEY, "stray", false)));

        assertThat(reply.getRoutingError().getCode()).isEqualTo(RoutingError.Code.KEY_NOT_IN_PARTITION);
        assertThat(machine.lastAppliedIndex()).isEqualTo(2);
        assertThat(contents(store)).containsExactly(Map.entry(io.atolldb.model.Bytes.copyOf(KEY), io.atolldb.model.Bytes.copyOf(item("item").toByteArray())));
        assertThat(engine.partition(new PartitionBounds(9, TABLE, new TokenRange(200, 300))).get(OTHER_PARTITION_KEY))
                .isEmpty();
    }

    @Test
    void applyingBytesThatAreNoCommandRepliesAnErrorAndAdvancesTheAppliedIndex() {
        WriteResponse reply = writeResponse(machine.apply(1, 1, new byte[] {(byte) 0xff, 0x01}));

        assertThat(reply.hasRoutingError()).isTrue();
        assertThat(reply.getRoutingError().getMessage()).contains("not a PartitionCommand");
        assertThat(machine.lastAppliedIndex()).isEqualTo(1);
        assertThat(contents(store)).isEmpty();
    }

    @Test
    void readingAKeyOutsideThePartitionRepliesKeyNotInPartition() {
        ReadResponse reply = readResponse(machine.query(read(OTHER_TABLE_KEY)));

        assertThat(reply.getRoutingError().getCode()).isEqualTo(RoutingError.Code.KEY_NOT_IN_PARTITION);
    }

    @Test
    void aQueryThatIsNoReadRequestFails() {
        assertThatThrownBy(() -> machine.query(new byte[] {(byte) 0xff, 0x01}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
