package io.atolldb.node.partition;

import com.google.protobuf.ByteString;
import io.atolldb.model.TokenRange;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.StorageEngine;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.PutItem;
import io.atolldb.proto.ReadResponse;
import io.atolldb.proto.WriteResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.atolldb.node.storage.StorageFixtures.itemKey;
import static org.assertj.core.api.Assertions.assertThat;

/** A write retried with the same request id is applied once; its retry gets the first reply. */
class RetriedWriteTest {
    private static final long TABLE = 4;
    private static final byte[] KEY = itemKey(TABLE, 10, "k");
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;
    private StorageEngine engine;
    private PartitionStateMachine machine;

    @BeforeEach
    void open() {
        engine = StorageEngine.open(dir);
        machine = new PartitionStateMachine(engine.partition(new PartitionBounds(1, TABLE, new TokenRange(0, 100))));
    }

    @AfterEach
    void close() {
        machine.close();
        engine.close();
    }

    private static byte[] put(String requestId, long timestamp, String value) {
        return PartitionCommand.newBuilder().setRequestId(requestId).setTimestampMillis(timestamp)
                .setPut(PutItem.newBuilder().setKey(ByteString.copyFrom(KEY)).setItem(Commands.item(value))
                        .setReturnOld(true)).build().toByteArray();
    }

    private String stored() throws Exception {
        var item = ItemCodec.decode(ReadResponse.parseFrom(machine.query(Commands.read(KEY))).getResult().getItem().toByteArray());
        return ((AttributeValue.S) item.attributes().get("v")).value();
    }

    @Test
    void aRetryAfterALaterWriteNeitherReappliesNorChangesTheAnswer() throws Exception {
        WriteResponse first = WriteResponse.parseFrom(machine.apply(1, 1, put("request-a", T0, "one")));
        machine.apply(2, 1, put("request-b", T0 + 1, "two"));

        WriteResponse retry = WriteResponse.parseFrom(machine.apply(3, 1, put("request-a", T0 + 2, "one")));

        assertThat(retry).isEqualTo(first);
        assertThat(stored()).isEqualTo("two");
        assertThat(machine.lastAppliedIndex()).isEqualTo(3);
    }

    @Test
    void aRequestIdIsForgottenAfterTheRetentionAndThenAppliesAgain() throws Exception {
        machine.apply(1, 1, put("request-a", T0, "one"));
        machine.apply(2, 1, put("request-b", T0 + 1, "two"));
        long later = T0 + RequestLedger.RETENTION.toMillis() + 1_000;
        machine.apply(3, 1, put("request-c", later, "three"));

        WriteResponse again = WriteResponse.parseFrom(machine.apply(4, 1, put("request-a", later + 1, "one")));

        assertThat(again.getResult().getAppliedIndex()).isEqualTo(4);
        assertThat(again.getResult().getOldItem()).isEqualTo(Commands.item("three"));
        assertThat(stored()).isEqualTo("one");
    }

    @Test
    void twoReplicasFedTheSameLogWithARetryEndEqual(@TempDir Path other) throws Exception {
        try (var otherEngine = StorageEngine.open(other)) {
            var replica = new PartitionStateMachine(otherEngine.partition(new PartitionBounds(1, TABLE, new TokenRange(0, 100))));
            byte[][] log = {put("a", T0, "one"), put("b", T0 + 1, "two"), put("a", T0 + 2, "one")};
            for (int i = 0; i < log.length; i++) {
                assertThat(replica.apply(i + 1, 1, log[i])).isEqualTo(machine.apply(i + 1, 1, log[i]));
            }
            assertThat(ReadResponse.parseFrom(replica.query(Commands.read(KEY)))).isEqualTo(
                    ReadResponse.parseFrom(machine.query(Commands.read(KEY))));
        }
    }

    @Test
    void aReplyRememberedOutOfTimestampOrderStillExpires() throws Exception {
        machine.apply(1, 1, put("request-new", T0 + 5_000, "one"));
        // A router with a slower clock: its write carries an older timestamp than the entry before.
        machine.apply(2, 1, put("request-old", T0, "two"));
        long later = T0 + RequestLedger.RETENTION.toMillis() + 1_000; // past request-old, not request-new
        machine.apply(3, 1, put("request-c", later, "three"));

        WriteResponse old = WriteResponse.parseFrom(machine.apply(4, 1, put("request-old", later + 1, "two")));
        WriteResponse recent = WriteResponse.parseFrom(machine.apply(5, 1, put("request-new", later + 2, "one")));

        assertThat(old.getResult().getAppliedIndex()).as("forgotten: applied again").isEqualTo(4);
        assertThat(recent.getResult().getAppliedIndex()).as("remembered: the first reply").isEqualTo(1);
    }

    /**
     * The ledger skips its scan of expiry markers when it knows nothing can have expired; a replica
     * that knows nothing (restarted before every entry) must still reply and store exactly the same.
     */
    @Test
    void expiryGivesTheSameRepliesAsAReplicaRestartedBeforeEveryEntry(@TempDir Path other) throws Exception {
        var random = new java.util.Random(20261124);
        long retention = RequestLedger.RETENTION.toMillis();
        try (var otherEngine = StorageEngine.open(other)) {
            long clock = T0;
            for (int index = 1; index <= 400; index++) {
                clock += random.nextLong(retention / 20);
                // Some routers' clocks lag by up to half the retention; ids repeat so retries occur.
                long timestamp = clock - (random.nextInt(4) == 0 ? random.nextLong(retention / 2) : 0);
                byte[] command = put("request-" + random.nextInt(60), timestamp, "v" + index);
                var restarted = new PartitionStateMachine(otherEngine.partition(new PartitionBounds(1, TABLE, new TokenRange(0, 100))));
                assertThat(WriteResponse.parseFrom(machine.apply(index, 1, command)))
                        .as("entry %d", index)
                        .isEqualTo(WriteResponse.parseFrom(restarted.apply(index, 1, command)));
            }
            assertThat(stored()).isNotEmpty();
        }
    }
}
