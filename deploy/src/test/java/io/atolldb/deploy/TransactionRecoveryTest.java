package io.atolldb.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.atolldb.model.KeyCodec;
import io.atolldb.model.Tokens;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.model.Item;
import io.atolldb.proto.ActionOutcome;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.PutItem;
import io.atolldb.proto.TxnAction;
import io.atolldb.proto.TxnDecide;
import io.atolldb.proto.TxnDecision;
import io.atolldb.proto.TxnPrepare;
import io.atolldb.proto.WriteRequest;
import io.atolldb.proto.WriteResponse;
import io.atolldb.proto.WriteResult;
import io.atolldb.router.routing.PartitionCaller;
import io.atolldb.router.routing.RoutingCache;
import io.atolldb.rpc.Channels;
import io.atolldb.rpc.MetadataClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;

/**
 * A router that dies in the middle of a two-phase commit: the test plays that router, sending the
 * partition commands itself and stopping half-way, and then uses the real API. Locks of the dead
 * transaction refuse plain writes at first (TransactionConflictException); once stale, the next
 * write or transactional read resolves the transaction at its coordinator partition and finishes it:
 * committed everywhere if the decision was recorded, aborted everywhere if not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionRecoveryTest {
    private static final String TABLE = "recovery";
    private DevCluster cluster;
    private DynamoDbClient client;
    private Channels channels;
    private RoutingCache routing;
    private PartitionCaller caller;
    private long tableId;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        cluster = DevCluster.start(data, "127.0.0.1", 0, 4, new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(60)).until(cluster::isReady);
        client = Dynamo.client(cluster.endpoint());
        Dynamo.createTable(client, TABLE);
        channels = new Channels();
        routing = new RoutingCache(new MetadataClient(cluster.metadataAddresses(), channels, Duration.ofSeconds(5)),
                Duration.ofSeconds(1));
        caller = new PartitionCaller(routing, channels, "zone-a", Duration.ofSeconds(10), Duration.ofSeconds(5));
        tableId = routing.refresh().table(TABLE).orElseThrow().getTableId();
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (routing != null) {
            routing.close();
        }
        if (channels != null) {
            channels.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private byte[] storageKey(String id) {
        var pk = new io.atolldb.model.AttributeValue.S(id);
        return KeyCodec.itemKey(tableId, Tokens.of(tableId, pk), pk, null);
    }

    private long partitionOf(String id) {
        byte[] key = storageKey(id);
        return caller.partitionOf(KeyCodec.tableIdOf(key), KeyCodec.tokenOf(key)).getPartitionId();
    }

    /** An id with the given prefix whose item lies in another partition than {@code other}'s. */
    private String idElsewhere(String prefix, String other) {
        for (int i = 0; ; i++) {
            if (partitionOf(prefix + i) != partitionOf(other)) {
                return prefix + i;
            }
        }
    }

    private WriteResult send(String id, PartitionCommand command) {
        byte[] key = storageKey(id);
        WriteResponse response = caller.call(KeyCodec.tableIdOf(key), KeyCodec.tokenOf(key), PartitionCaller.Target.LEADER,
                (stub, partition) -> stub.write(WriteRequest.newBuilder().setPartitionId(partition.getPartitionId())
                        .setEpoch(partition.getEpoch()).setCommand(command).build()),
                r -> r.hasRoutingError() ? r.getRoutingError() : null);
        return response.getResult();
    }

    private WriteResult prepare(String txnId, String coordinator, String id, String value, long at) {
        Item item = new Item(Map.of("id", new io.atolldb.model.AttributeValue.S(id), "v", new io.atolldb.model.AttributeValue.S(value)));
        return send(id, PartitionCommand.newBuilder().setRequestId(UUID.randomUUID().toString()).setTimestampMillis(at)
                .setPrepare(TxnPrepare.newBuilder().setTxnId(txnId).setCoordinatorKey(ByteString.copyFrom(storageKey(coordinator)))
                        .addActions(TxnAction.newBuilder().setPut(PutItem.newBuilder().setKey(ByteString.copyFrom(storageKey(id)))
                                .setItem(ByteString.copyFrom(ItemCodec.encode(item)))))).build());
    }

    private WriteResult decide(String txnId, String coordinator, boolean commit) {
        return send(coordinator, PartitionCommand.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setTimestampMillis(Clock.systemUTC().millis()).setDecide(TxnDecide.newBuilder().setTxnId(txnId)
                        .setKey(ByteString.copyFrom(storageKey(coordinator))).setCommit(commit)).build());
    }

    private Map<String, AttributeValue> read(String id) {
        return client.getItem(b -> b.tableName(TABLE).key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> item(String id, String value) {
        return Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS(value));
    }

    @Test
    void aDecidedTransactionWhoseRouterDiedIsCommittedAtTheParticipantItNeverReached() {
        String coordinator = "decided-coordinator";
        String participant = idElsewhere("decided-participant-", coordinator);
        client.putItem(b -> b.tableName(TABLE).item(item(participant, "before")));
        String txnId = UUID.randomUUID().toString();
        long now = Clock.systemUTC().millis();
        assertThat(prepare(txnId, coordinator, coordinator, "after", now).getActions(0).getCode()).isEqualTo(ActionOutcome.Code.NONE);
        assertThat(prepare(txnId, coordinator, participant, "after", now).getActions(0).getCode()).isEqualTo(ActionOutcome.Code.NONE);
        assertThat(decide(txnId, coordinator, true).getDecision()).isEqualTo(TxnDecision.TXN_COMMITTED);
        // The router dies here: the participant never hears of the decision.

        assertThat(read(coordinator)).isEqualTo(item(coordinator, "after"));
        assertThat(read(participant)).as("reads see committed state only").isEqualTo(item(participant, "before"));
        assertThatThrownBy(() -> client.putItem(b -> b.tableName(TABLE).item(item(participant, "plain"))))
                .isInstanceOfSatisfying(DynamoDbException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TransactionConflictException"));

        assertThatThrownBy(() -> client.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(Get.builder().tableName(TABLE).key(Map.of("id", AttributeValue.fromS(coordinator))).build()).build(),
                TransactGetItem.builder().get(Get.builder().tableName(TABLE).key(Map.of("id", AttributeValue.fromS(participant))).build()).build())))
                .as("a young lock: the transaction may still be running")
                .isInstanceOfSatisfying(software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.class, e ->
                        assertThat(e.cancellationReasons()).extracting(r -> r.code()).containsExactly("None", "TransactionConflict"));

        // Once the lock is stale, a transactional read resolves it: the recorded decision was commit.
        var items = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> client.transactGetItems(b -> b.transactItems(
                        TransactGetItem.builder().get(Get.builder().tableName(TABLE).key(Map.of("id", AttributeValue.fromS(coordinator))).build()).build(),
                        TransactGetItem.builder().get(Get.builder().tableName(TABLE).key(Map.of("id", AttributeValue.fromS(participant))).build()).build())),
                        response -> response != null);
        assertThat(items.responses().get(0).item()).isEqualTo(item(coordinator, "after"));
        assertThat(items.responses().get(1).item()).isEqualTo(item(participant, "after"));
        client.putItem(b -> b.tableName(TABLE).item(item(participant, "plain")));
        assertThat(read(participant)).isEqualTo(item(participant, "plain"));
    }

    @Test
    void anUndecidedTransactionWhoseRouterDiedIsAbortedAndALateCommitDecisionFails() {
        String coordinator = "undecided-coordinator";
        String participant = idElsewhere("undecided-participant-", coordinator);
        String txnId = UUID.randomUUID().toString();
        long longAgo = Clock.systemUTC().millis() - Duration.ofMinutes(1).toMillis();
        prepare(txnId, coordinator, coordinator, "never", longAgo);
        prepare(txnId, coordinator, participant, "never", longAgo);
        // The router dies before deciding; its locks are a minute old.

        client.putItem(b -> b.tableName(TABLE).item(item(participant, "plain")));

        assertThat(read(participant)).isEqualTo(item(participant, "plain"));
        assertThat(decide(txnId, coordinator, true).getDecision()).as("recovery recorded abort first")
                .isEqualTo(TxnDecision.TXN_ABORTED);
        assertThat(read(coordinator)).isEmpty();
        client.putItem(b -> b.tableName(TABLE).item(item(coordinator, "plain")));
        assertThat(read(coordinator)).isEqualTo(item(coordinator, "plain"));
    }
}
