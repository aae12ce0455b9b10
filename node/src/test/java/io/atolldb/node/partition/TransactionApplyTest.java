package io.atolldb.node.partition;

import static io.atolldb.node.storage.StorageFixtures.itemKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.TokenRange;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.StorageEngine;
import io.atolldb.proto.ActionOutcome;
import io.atolldb.proto.CommandBatch;
import io.atolldb.proto.ConditionCheck;
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
import io.atolldb.proto.ReadRequest;
import io.atolldb.proto.ReadResponse;
import io.atolldb.proto.TokenState;
import io.atolldb.proto.TransactInPartition;
import io.atolldb.proto.TxnAction;
import io.atolldb.proto.TxnDecide;
import io.atolldb.proto.TxnDecision;
import io.atolldb.proto.TxnFinish;
import io.atolldb.proto.TxnForget;
import io.atolldb.proto.TxnPrepare;
import io.atolldb.proto.TxnResolve;
import io.atolldb.proto.TxnToken;
import io.atolldb.proto.WriteExpressions;
import io.atolldb.proto.WriteResponses;
import io.atolldb.proto.WriteResult;

/**
 * The transaction steps in apply: one-partition transactions all-or-nothing, prepare's locks and
 * conditions, decide/finish/resolve, their idempotent retries, and the same outcome on every replica.
 */
class TransactionApplyTest {
    private static final long TABLE = 4;
    private static final long T0 = 1_700_000_000_000L;
    private static final byte[] A = itemKey(TABLE, 10, "a");
    private static final byte[] B = itemKey(TABLE, 20, "b");
    private static final int GSI = 9;
    private static final IndexMaintenance BY_V = IndexMaintenance.newBuilder()
            .addTableKey(KeyElement.newBuilder().setAttributeName("pk").setType(KeyType.KEY_TYPE_S))
            .addIndexes(IndexDescriptor.newBuilder().setIndexId(GSI).setName("byV").setGlobal(true)
                    .setPartitionKey(KeyElement.newBuilder().setAttributeName("v").setType(KeyType.KEY_TYPE_S))
                    .setProjectionType(ProjectionType.PROJECTION_TYPE_KEYS_ONLY))
            .build();

    @TempDir
    Path dir;
    private StorageEngine engine;
    private PartitionStateMachine machine;
    private long index;
    private int requests;

    @BeforeEach
    void open() {
        engine = StorageEngine.open(dir.resolve("one"));
        machine = machine(engine);
    }

    @AfterEach
    void close() {
        machine.close();
        engine.close();
    }

    private static PartitionStateMachine machine(StorageEngine engine) {
        return new PartitionStateMachine(engine.partition(new PartitionBounds(1, TABLE, new TokenRange(0, 100))));
    }

    // ---- commands ----

    private static TxnAction put(byte[] key, String value, String condition) {
        var put = PutItem.newBuilder().setKey(ByteString.copyFrom(key))
                .setItem(ByteString.copyFrom(ItemCodec.encode(item(value)))).setIndexes(BY_V);
        if (condition != null) {
            put.setExpressions(WriteExpressions.newBuilder().setConditionExpression(condition));
        }
        return TxnAction.newBuilder().setPut(put).build();
    }

    private static TxnAction check(byte[] key, String condition) {
        return TxnAction.newBuilder().setCheck(ConditionCheck.newBuilder().setKey(ByteString.copyFrom(key))
                .setExpressions(WriteExpressions.newBuilder().setConditionExpression(condition))
                .setReturnOldOnConditionFailure(true)).build();
    }

    private static TxnAction delete(byte[] key) {
        return TxnAction.newBuilder().setDelete(DeleteItem.newBuilder().setKey(ByteString.copyFrom(key)).setIndexes(BY_V)).build();
    }

    private PartitionCommand.Builder command(long at) {
        return PartitionCommand.newBuilder().setRequestId("r" + (++requests)).setTimestampMillis(at);
    }

    private PartitionCommand transact(TxnAction... actions) {
        return command(T0).setTransact(TransactInPartition.newBuilder().addAllActions(List.of(actions))).build();
    }

    private PartitionCommand prepare(String txn, long at, TxnAction... actions) {
        return command(at).setPrepare(TxnPrepare.newBuilder().setTxnId(txn).setCoordinatorKey(ByteString.copyFrom(A))
                .addAllActions(List.of(actions))).build();
    }

    private PartitionCommand decide(String txn, boolean commit) {
        return command(T0).setDecide(TxnDecide.newBuilder().setTxnId(txn).setKey(ByteString.copyFrom(A)).setCommit(commit)).build();
    }

    private PartitionCommand finish(String txn, boolean commit) {
        return command(T0).setFinish(TxnFinish.newBuilder().setTxnId(txn).setKey(ByteString.copyFrom(A)).setCommit(commit)).build();
    }

    private PartitionCommand resolve(String txn) {
        return command(T0).setResolve(TxnResolve.newBuilder().setTxnId(txn).setKey(ByteString.copyFrom(A))).build();
    }

    private PartitionCommand plainPut(byte[] key, String value) {
        return command(T0).setPut(PutItem.newBuilder().setKey(ByteString.copyFrom(key))
                .setItem(ByteString.copyFrom(ItemCodec.encode(item(value))))).build();
    }

    private PartitionCommand token(String token, String hash, long at, TxnToken.Builder step) {
        return command(at).setToken(step.setClientToken(token).setKey(ByteString.copyFrom(A))
                .setParametersHash(ByteString.copyFromUtf8(hash))).build();
    }

    private static Item item(String value) {
        return new Item(Map.of("pk", new AttributeValue.S("k"), "v", new AttributeValue.S(value)));
    }

    private WriteResult apply(PartitionCommand command) throws Exception {
        return io.atolldb.proto.WriteResponse.parseFrom(machine.apply(++index, 1, command.toByteArray())).getResult();
    }

    private String stored(byte[] key) throws Exception {
        var result = ReadResponse.parseFrom(machine.query(Commands.read(key))).getResult();
        return result.getFound() ? ((AttributeValue.S) ItemCodec.decode(result.getItem().toByteArray())
                .attributes().get("v")).value() : null;
    }

    private static List<ActionOutcome.Code> codes(WriteResult result) {
        return result.getActionsList().stream().map(ActionOutcome::getCode).toList();
    }

    private int indexEntries() throws Exception {
        byte[] reply = machine.query(PartitionQuery.newBuilder().setRange(RangeRequest.newBuilder()
                .setPartitionId(1).setIndexId(GSI).setForward(true)).build().toByteArray());
        return RangeResponse.parseFrom(reply).getResult().getItemsCount();
    }

    // ---- one partition ----

    @Test
    void aOnePartitionTransactionWritesEverythingWhenEveryConditionHolds() throws Exception {
        WriteResult result = apply(transact(put(A, "one", "attribute_not_exists(pk)"), put(B, "two", null)));

        assertThat(codes(result)).containsExactly(ActionOutcome.Code.NONE, ActionOutcome.Code.NONE);
        assertThat(stored(A)).isEqualTo("one");
        assertThat(stored(B)).isEqualTo("two");
        assertThat(machine.stats().items()).isEqualTo(2);
        assertThat(indexEntries()).as("index entries follow transactional writes").isEqualTo(2);
    }

    @Test
    void aOnePartitionTransactionWithAFailedConditionWritesNothingAndReportsEachAction() throws Exception {
        apply(plainPut(B, "old"));

        WriteResult result = apply(transact(put(A, "one", null), check(B, "v = :nope".replace(":nope", "pk")),
                delete(itemKey(TABLE, 30, "c"))));

        assertThat(codes(result)).containsExactly(ActionOutcome.Code.NONE, ActionOutcome.Code.CONDITIONAL_CHECK_FAILED,
                ActionOutcome.Code.NONE);
        assertThat(ItemCodec.decode(result.getActions(1).getOldItem().toByteArray())).isEqualTo(item("old"));
        assertThat(stored(A)).isNull();
        assertThat(stored(B)).isEqualTo("old");
    }

    @Test
    void anUpdateThatCannotApplyToTheStoredItemIsAValidationErrorReason() throws Exception {
        apply(plainPut(B, "text"));
        TxnAction addToText = TxnAction.newBuilder().setUpdate(io.atolldb.proto.UpdateItem.newBuilder()
                .setKey(ByteString.copyFrom(B))
                .setKeyAttributes(ByteString.copyFrom(ItemCodec.encode(new Item(Map.of("pk", new AttributeValue.S("k"))))))
                .addKeySchema(KeyElement.newBuilder().setAttributeName("pk").setType(KeyType.KEY_TYPE_S))
                .setUpdateExpression("ADD v :one")
                .setExpressions(WriteExpressions.newBuilder().setValues(ByteString.copyFrom(
                        ItemCodec.encodeKey(Map.of(":one", new AttributeValue.N(java.math.BigDecimal.ONE))))))).build();

        WriteResult result = apply(prepare("t1", T0, put(A, "one", null), addToText));

        assertThat(codes(result)).containsExactly(ActionOutcome.Code.NONE, ActionOutcome.Code.VALIDATION_ERROR);
        assertThat(result.getActions(1).getMessage()).isNotEmpty();
        assertThat(apply(plainPut(A, "free")).hasConflict()).as("nothing locked").isFalse();
    }

    // ---- two-phase commit ----

    @Test
    void aPreparedTransactionLocksItsItemsUntilCommitAppliesItsActions() throws Exception {
        assertThat(codes(apply(prepare("t1", T0, put(A, "one", null), put(B, "two", null)))))
                .containsOnly(ActionOutcome.Code.NONE);
        assertThat(stored(A)).as("prepared, not applied").isNull();

        WriteResult plain = apply(plainPut(A, "other"));
        assertThat(plain.hasConflict()).isTrue();
        assertThat(plain.getConflict().getTxnId()).isEqualTo("t1");
        assertThat(plain.getConflict().getTimestampMillis()).isEqualTo(T0);
        assertThat(codes(apply(prepare("t2", T0, put(B, "three", null)))))
                .containsExactly(ActionOutcome.Code.TRANSACTION_CONFLICT);
        var read = ReadResponse.parseFrom(machine.query(PartitionQuery.newBuilder().setGet(ReadRequest.newBuilder()
                .setPartitionId(1).setKey(ByteString.copyFrom(A)).setTransactional(true)).build().toByteArray()));
        assertThat(read.getResult().getLock().getTxnId()).isEqualTo("t1");

        assertThat(apply(decide("t1", true)).getDecision()).isEqualTo(TxnDecision.TXN_COMMITTED);
        assertThat(stored(A)).isEqualTo("one");
        assertThat(stored(B)).isEqualTo("two");
        assertThat(indexEntries()).isEqualTo(2);
        assertThat(apply(plainPut(A, "after")).hasConflict()).as("unlocked").isFalse();
        assertThat(stored(A)).isEqualTo("after");
    }

    @Test
    void aPrepareWhoseConditionFailsLocksNothing() throws Exception {
        apply(plainPut(A, "old"));

        WriteResult result = apply(prepare("t1", T0, put(A, "one", "attribute_not_exists(pk)"), put(B, "two", null)));

        assertThat(codes(result)).containsExactly(ActionOutcome.Code.CONDITIONAL_CHECK_FAILED, ActionOutcome.Code.NONE);
        assertThat(apply(plainPut(B, "free")).hasConflict()).isFalse();
    }

    @Test
    void anAbortDropsThePreparedActionsAndTheLocks() throws Exception {
        apply(prepare("t1", T0, put(A, "one", null)));

        assertThat(apply(finish("t1", false)).getDecision()).isEqualTo(TxnDecision.TXN_ABORTED);

        assertThat(stored(A)).isNull();
        assertThat(apply(plainPut(A, "free")).hasConflict()).isFalse();
        assertThat(codes(apply(prepare("t1", T0, put(A, "late", null)))))
                .as("a late copy of the prepare never locks again").containsExactly(ActionOutcome.Code.TRANSACTION_CONFLICT);
        assertThat(apply(plainPut(A, "still free")).hasConflict()).isFalse();
    }

    @Test
    void resolveRecordsAbortSoALateCommitDecisionLosesAndRetriesAreAnsweredTheSame() throws Exception {
        apply(prepare("t1", T0, put(A, "one", null)));

        assertThat(apply(resolve("t1")).getDecision()).isEqualTo(TxnDecision.TXN_ABORTED);
        assertThat(apply(decide("t1", true)).getDecision()).isEqualTo(TxnDecision.TXN_ABORTED);
        assertThat(stored(A)).isNull();
        assertThat(apply(plainPut(A, "free")).hasConflict()).isFalse();

        apply(prepare("t2", T0, put(B, "two", null)));
        assertThat(apply(decide("t2", true)).getDecision()).isEqualTo(TxnDecision.TXN_COMMITTED);
        assertThat(apply(resolve("t2")).getDecision()).as("the recorded decision wins").isEqualTo(TxnDecision.TXN_COMMITTED);
        assertThat(apply(finish("t2", true)).getDecision()).as("finish again: nothing left to do").isEqualTo(TxnDecision.TXN_COMMITTED);
        assertThat(stored(B)).isEqualTo("two");

        apply(command(T0).setForget(TxnForget.newBuilder().setTxnId("t2").setKey(ByteString.copyFrom(A))).build());
        assertThat(apply(resolve("t2")).getDecision()).as("forgotten: presumed abort").isEqualTo(TxnDecision.TXN_ABORTED);
        assertThat(stored(B)).isEqualTo("two");
    }

    @Test
    void aRetriedPrepareIsAnsweredAsTheFirstAndTheSameRequestIdIsAppliedOnce() throws Exception {
        PartitionCommand first = prepare("t1", T0, put(A, "one", null));
        WriteResult once = apply(first);
        WriteResult again = apply(first);
        WriteResult underAnotherId = apply(prepare("t1", T0, put(A, "one", null)));

        assertThat(again).isEqualTo(once);
        assertThat(codes(underAnotherId)).containsExactly(ActionOutcome.Code.NONE);
        apply(decide("t1", true));
        assertThat(stored(A)).isEqualTo("one");
    }

    @Test
    void aBatchedEntryMixesTransactionStepsAndPlainWritesInOrder() throws Exception {
        byte[] entry = PartitionCommand.newBuilder().setBatch(CommandBatch.newBuilder()
                .addCommands(prepare("t1", T0, put(A, "one", null)))
                .addCommands(plainPut(A, "blocked"))
                .addCommands(decide("t1", true))
                .addCommands(plainPut(B, "fine"))).build().toByteArray();

        var replies = WriteResponses.parseFrom(machine.apply(++index, 1, entry)).getResponsesList();

        assertThat(replies.get(1).getResult().hasConflict()).isTrue();
        assertThat(replies.get(2).getResult().getDecision()).isEqualTo(TxnDecision.TXN_COMMITTED);
        assertThat(stored(A)).isEqualTo("one");
        assertThat(stored(B)).isEqualTo("fine");
    }

    @Test
    void clientTokensAreClaimedOnceAndAnswerTheirOutcomeOrAMismatch() throws Exception {
        assertThat(apply(token("tok", "h1", T0, TxnToken.newBuilder().setClaim(true))).getTokenState()).isEqualTo(TokenState.TOKEN_FRESH);
        assertThat(apply(token("tok", "h1", T0 + 1, TxnToken.newBuilder().setClaim(true))).getTokenState()).isEqualTo(TokenState.TOKEN_IN_PROGRESS);
        assertThat(apply(token("tok", "h2", T0 + 1, TxnToken.newBuilder().setClaim(true))).getTokenState()).isEqualTo(TokenState.TOKEN_MISMATCH);
        apply(token("tok", "h1", T0 + 2, TxnToken.newBuilder().setOutcome(ByteString.copyFromUtf8("ok"))));
        WriteResult done = apply(token("tok", "h1", T0 + 3, TxnToken.newBuilder().setClaim(true)));
        assertThat(done.getTokenState()).isEqualTo(TokenState.TOKEN_DONE);
        assertThat(done.getTokenOutcome().toStringUtf8()).isEqualTo("ok");

        apply(token("other", "h1", T0, TxnToken.newBuilder().setClaim(true)));
        apply(token("other", "h1", T0 + 1, TxnToken.newBuilder().setRelease(true)));
        assertThat(apply(token("other", "h1", T0 + 2, TxnToken.newBuilder().setClaim(true))).getTokenState())
                .as("released: the next request runs").isEqualTo(TokenState.TOKEN_FRESH);
        assertThat(apply(token("tok", "h1", T0 + 11 * 60_000, TxnToken.newBuilder().setClaim(true))).getTokenState())
                .as("kept 10 minutes").isEqualTo(TokenState.TOKEN_FRESH);
    }

    @Test
    void twoReplicasFedTheSameTransactionLogEndInTheSameState() throws Exception {
        List<PartitionCommand> log = List.of(
                prepare("t1", T0, put(A, "one", null)), plainPut(A, "x"), plainPut(B, "y"),
                transact(put(B, "z", "attribute_exists(pk)"), check(itemKey(TABLE, 40, "d"), "attribute_not_exists(pk)")),
                resolve("t1"), prepare("t2", T0 + 5, delete(B)), decide("t2", true), finish("t1", false));
        try (StorageEngine other = StorageEngine.open(dir.resolve("two"))) {
            PartitionStateMachine second = machine(other);
            for (PartitionCommand command : log) {
                index++;
                assertThat(second.apply(index, 1, command.toByteArray())).isEqualTo(machine.apply(index, 1, command.toByteArray()));
            }
            assertThat(io.atolldb.node.storage.StorageFixtures.contents(other.partition(new PartitionBounds(1, TABLE, new TokenRange(0, 100)))))
                    .isEqualTo(io.atolldb.node.storage.StorageFixtures.contents(engine.partition(new PartitionBounds(1, TABLE, new TokenRange(0, 100)))));
        }
        assertThat(stored(A)).as("the plain write met t1's lock; t1 aborted").isNull();
        assertThat(stored(B)).isNull();
    }
}
