package io.atolldb.router.cluster;

import java.time.Clock;
import java.time.Duration;

import com.google.protobuf.ByteString;

import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.TxnDecision;
import io.atolldb.proto.TxnFinish;
import io.atolldb.proto.TxnLock;
import io.atolldb.proto.TxnResolve;
import io.atolldb.proto.WriteResult;

/**
 * Finishes a transaction whose router went away between prepare and finish. A write, prepare or
 * transactional read that meets a lock older than {@link #STALE_AFTER} asks the lock's coordinator
 * partition for the decision ({@code TxnResolve}: the recorded one, or ABORT recorded now, so a late
 * commit decision of the lost router fails), carries it out at the locked item's partition, and then
 * the caller retries. A younger lock belongs to a transaction most likely still running: the caller
 * answers TransactionConflict, as DynamoDB does.
 */
final class TxnRecovery {
    /** Far above a healthy transaction's duration (milliseconds), short enough that clients barely notice. */
    static final Duration STALE_AFTER = Duration.ofSeconds(5);

    private final PartitionWrites writes;
    private final Clock clock;

    TxnRecovery(PartitionWrites writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    /**
     * Resolves the transaction holding {@code lock} on an item of the partition owning
     * {@code participantKey}, if the lock is stale; returns whether it did (the caller may retry).
     */
    boolean resolveIfStale(TxnLock lock, byte[] participantKey) {
        long now = clock.millis();
        if (now - lock.getTimestampMillis() < STALE_AFTER.toMillis()) {
            return false;
        }
        String txnId = lock.getTxnId();
        WriteResult decided = writes.send(lock.getCoordinatorKey().toByteArray(), command(now)
                .setResolve(TxnResolve.newBuilder().setTxnId(txnId).setKey(lock.getCoordinatorKey())).build());
        boolean commit = decided.getDecision() == TxnDecision.TXN_COMMITTED;
        // A resolve that recorded ABORT also dropped the coordinator's own actions, some maybe split away.
        for (ByteString moved : decided.getMovedKeysList()) {
            writes.finishEverywhere(moved.toByteArray(), command(now).setFinish(TxnFinish.newBuilder().setTxnId(txnId)
                    .setKey(moved).setCommit(commit)).build());
        }
        writes.finishEverywhere(participantKey, command(now).setFinish(TxnFinish.newBuilder().setTxnId(txnId)
                .setKey(ByteString.copyFrom(participantKey)).setCommit(commit)).build());
        return true;
    }

    private static PartitionCommand.Builder command(long now) {
        return ItemCommands.command(now);
    }
}
