package io.atolldb.node.partition;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.atolldb.model.KeyCodec;
import io.atolldb.proto.ActionOutcome;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.TokenState;
import io.atolldb.proto.TxnAction;
import io.atolldb.proto.TxnDecision;
import io.atolldb.proto.TxnLock;
import io.atolldb.proto.TxnPrepare;
import io.atolldb.proto.TxnToken;
import io.atolldb.proto.WriteResult;

/**
 * The transaction steps of one entry (see docs/ARCHITECTURE.md, "Transactions"), applied over the
 * entry's pending changes like every other command, so they are deterministic and may share a
 * group-committed entry with plain writes.
 *
 * <ul>
 *   <li>{@code TransactInPartition}: every action judged (lock, condition, update, index keys), then
 *       all written or none, in this one entry: no locks are needed.</li>
 *   <li>{@code TxnPrepare}: judged the same way; when all pass, each item is locked for the
 *       transaction and the actions are kept under its id, until {@code TxnFinish}. A prepare of a
 *       transaction already prepared here answers as the first did.</li>
 *   <li>{@code TxnDecide} (coordinator): the first decision recorded for a transaction wins; a
 *       commit applies the coordinator's own prepared actions in the same entry.</li>
 *   <li>{@code TxnFinish}: applies (commit) or drops (abort) the prepared actions; unlocks.</li>
 *   <li>{@code TxnResolve} (coordinator): the recorded decision, or ABORT recorded now.</li>
 * </ul>
 *
 * <p>Locks, prepared actions and decisions live in the partition's metadata (KeyCodec
 * META_TXN_*), so they are in every snapshot and survive restarts. Decisions are kept until the router
 * says every participant finished ({@code TxnForget}); a router that dies after deciding leaves its
 * decision behind, which is what lets recovery finish the participants it never reached.
 */
final class Transactions {
    /** Ledger ids under which a participant remembers that a transaction finished here. */
    private static final String FINISHED = "txn-finished/";
    /** Ledger ids under which a client token's state is kept (10 minutes, the ledger's retention). */
    private static final String TOKEN = "txn-token/";
    /** A claimed token whose request has not reported back for this long may be claimed again. */
    static final long TOKEN_CLAIM_MILLIS = 60_000;

    private final EntryApplication entry;

    Transactions(EntryApplication entry) {
        this.entry = entry;
    }

    static boolean handles(PartitionCommand command) {
        return switch (command.getKindCase()) {
            case TRANSACT, PREPARE, DECIDE, FINISH, RESOLVE, FORGET, TOKEN -> true;
            default -> false;
        };
    }

    WriteResult.Builder apply(PartitionCommand command) {
        long now = command.getTimestampMillis();
        return switch (command.getKindCase()) {
            case TRANSACT -> transact(command.getTransact().getActionsList());
            case PREPARE -> prepare(command.getPrepare(), now);
            case DECIDE -> decide(command.getDecide().getTxnId(), command.getDecide().getCommit(),
                    command.getDecide().getKey(), now);
            case FINISH -> finish(command.getFinish().getTxnId(), command.getFinish().getCommit(), now);
            case RESOLVE -> decide(command.getResolve().getTxnId(), false, command.getResolve().getKey(), now);
            case FORGET -> {
                entry.deleteMetadata(decisionKey(command.getForget().getTxnId()));
                yield WriteResult.newBuilder();
            }
            case TOKEN -> token(command.getToken(), now);
            default -> throw new AssertionError("not a transaction step: " + command.getKindCase());
        };
    }

    /** The lock a transaction holds on the item under {@code key}, if any. */
    Optional<TxnLock> lockOn(byte[] key) {
        return entry.metadata(lockKey(key)).map(Transactions::parseLock);
    }

    /** The lock on the item under {@code key} in the applied state (TransactGetItems reads report it). */
    static Optional<TxnLock> storedLock(io.atolldb.node.storage.PartitionStore store, byte[] key) {
        byte[] prefix = KeyCodec.partitionMetaKey(store.bounds().partitionId(), KeyCodec.META_TXN_LOCK);
        byte[] lockKey = Arrays.copyOf(prefix, prefix.length + key.length);
        System.arraycopy(key, 0, lockKey, prefix.length, key.length);
        return store.getMetadata(lockKey).map(Transactions::parseLock);
    }

    private WriteResult.Builder transact(List<TxnAction> actions) {
        List<ItemWrites.Decision> decisions = new ArrayList<>();
        WriteResult.Builder reply = judge(actions, "", decisions);
        if (allPassed(reply)) {
            for (int i = 0; i < actions.size(); i++) {
                byte[] key = TxnActions.key(actions.get(i));
                entry.writeItem(key, entry.current(key), decisions.get(i), TxnActions.indexes(actions.get(i)));
            }
        }
        return reply;
    }

    private WriteResult.Builder prepare(TxnPrepare prepare, long now) {
        String txnId = prepare.getTxnId();
        if (entry.metadata(pendingKey(txnId)).isPresent()) {
            // Prepared before (a retry that reached the log twice under another request id).
            WriteResult.Builder again = WriteResult.newBuilder();
            prepare.getActionsList().forEach(action -> again.addActions(ActionOutcome.getDefaultInstance()));
            return again;
        }
        if (entry.earlierReply(FINISHED + txnId).isPresent()) {
            // A late copy of a prepare whose transaction already finished here: never lock again.
            WriteResult.Builder late = WriteResult.newBuilder();
            prepare.getActionsList().forEach(action -> late.addActions(ActionOutcome.newBuilder()
                    .setCode(ActionOutcome.Code.TRANSACTION_CONFLICT).setMessage("Transaction already finished")));
            return late;
        }
        WriteResult.Builder reply = judge(prepare.getActionsList(), txnId, new ArrayList<>());
        if (allPassed(reply)) {
            byte[] lock = TxnLock.newBuilder().setTxnId(txnId).setTimestampMillis(now)
                    .setCoordinatorKey(prepare.getCoordinatorKey()).build().toByteArray();
            for (TxnAction action : prepare.getActionsList()) {
                entry.putMetadata(lockKey(TxnActions.key(action)), lock);
            }
            entry.putMetadata(pendingKey(txnId), prepare.toByteArray());
        }
        return reply;
    }

    /**
     * Judges each action against the item as it is now: locked by another transaction (conflict),
     * condition, update and index keys. {@code decisions} receives each action's decision.
     */
    private WriteResult.Builder judge(List<TxnAction> actions, String txnId, List<ItemWrites.Decision> decisions) {
        WriteResult.Builder reply = WriteResult.newBuilder();
        for (TxnAction action : actions) {
            byte[] key = TxnActions.key(action);
            Optional<TxnLock> lock = lockOn(key);
            Optional<byte[]> old = entry.current(key);
            ItemWrites.Decision decision = TxnActions.decide(action, old);
            decisions.add(decision);
            WriteResult.Builder result = decision.reply();
            var outcome = ActionOutcome.newBuilder().setOldSize(result.getOldSize()).setNewSize(result.getNewSize());
            if (lock.isPresent() && !lock.get().getTxnId().equals(txnId)) {
                outcome.setCode(ActionOutcome.Code.TRANSACTION_CONFLICT).setLock(lock.get())
                        .setMessage("Transaction is ongoing for the item");
            } else if (result.getConditionFailed()) {
                outcome.setCode(ActionOutcome.Code.CONDITIONAL_CHECK_FAILED).setMessage("The conditional request failed")
                        .setHadOld(result.getHadOld()).setOldItem(result.getOldItem());
            } else if (!result.getInvalid().isEmpty()) {
                outcome.setCode(ActionOutcome.Code.VALIDATION_ERROR).setMessage(result.getInvalid());
            }
            reply.addActions(outcome);
        }
        return reply;
    }

    private static boolean allPassed(WriteResult.Builder reply) {
        return reply.getActionsList().stream().allMatch(outcome -> outcome.getCode() == ActionOutcome.Code.NONE);
    }

    /**
     * Records {@code commit} for {@code txnId} unless a decision is recorded already; answers the recorded
     * one. The record keeps the coordinator key it was addressed to (after the decision byte and the time),
     * so that a split leaves it with the half that owns the key.
     */
    private WriteResult.Builder decide(String txnId, boolean commit, ByteString coordinatorKey, long now) {
        Optional<byte[]> recorded = entry.metadata(decisionKey(txnId));
        if (recorded.isPresent()) {
            return WriteResult.newBuilder().setDecision(recorded.get()[0] == 1 ? TxnDecision.TXN_COMMITTED : TxnDecision.TXN_ABORTED);
        }
        entry.putMetadata(decisionKey(txnId), ByteBuffer.allocate(9 + coordinatorKey.size()).put((byte) (commit ? 1 : 2))
                .putLong(now).put(coordinatorKey.toByteArray()).array());
        return finish(txnId, commit, now);
    }

    /** The coordinator key a stored decision names; empty for a record written before decisions kept it. */
    static Optional<byte[]> coordinatorKeyOf(byte[] decision) {
        return decision.length > 9 ? Optional.of(Arrays.copyOfRange(decision, 9, decision.length)) : Optional.empty();
    }

    /**
     * Applies or drops the actions {@code txnId} prepared here (none: finished before, or never prepared).
     * Answers the decision and the keys of actions a split moved elsewhere, which the router finishes there;
     * a repeated finish answers them again (they are kept with the finished mark).
     */
    private WriteResult.Builder finish(String txnId, boolean commit, long now) {
        Optional<byte[]> pending = entry.metadata(pendingKey(txnId));
        TxnDecision decision = commit ? TxnDecision.TXN_COMMITTED : TxnDecision.TXN_ABORTED;
        if (pending.isEmpty()) {
            WriteResult.Builder again = WriteResult.newBuilder().setDecision(decision);
            entry.earlierReply(FINISHED + txnId).ifPresent(mark -> again.addAllMovedKeys(movedKeysOf(mark)));
            entry.remember(FINISHED + txnId, now, finishedMark(commit, again.getMovedKeysList()));
            return again;
        }
        {
            TxnPrepare prepare = parsePrepare(pending.get());
            for (TxnAction action : prepare.getActionsList()) {
                byte[] key = TxnActions.key(action);
                if (commit) {
                    // The item is locked since the prepare judged it, so the decision is the same again.
                    Optional<byte[]> old = entry.current(key);
                    entry.writeItem(key, old, TxnActions.decide(action, old), TxnActions.indexes(action));
                }
                Optional<TxnLock> lock = lockOn(key);
                if (lock.isPresent() && lock.get().getTxnId().equals(txnId)) {
                    entry.deleteMetadata(lockKey(key));
                }
            }
            entry.deleteMetadata(pendingKey(txnId));
            entry.remember(FINISHED + txnId, now, finishedMark(commit, prepare.getMovedKeysList()));
            return WriteResult.newBuilder().setDecision(decision).addAllMovedKeys(prepare.getMovedKeysList());
        }
    }

    /** The finished mark: the decision byte, then (when a split moved some actions away) their keys as a TxnPrepare. */
    private static byte[] finishedMark(boolean commit, List<ByteString> movedKeys) {
        byte[] moved = movedKeys.isEmpty() ? new byte[0]
                : TxnPrepare.newBuilder().addAllMovedKeys(movedKeys).build().toByteArray();
        return ByteBuffer.allocate(1 + moved.length).put((byte) (commit ? 1 : 2)).put(moved).array();
    }

    private static List<ByteString> movedKeysOf(byte[] mark) {
        return mark.length <= 1 ? List.of() : parsePrepare(Arrays.copyOfRange(mark, 1, mark.length)).getMovedKeysList();
    }

    private WriteResult.Builder token(TxnToken token, long now) {
        String id = TOKEN + token.getClientToken();
        // A record past the ledger's retention counts as gone even before this entry's expiry lands.
        Optional<TxnToken> kept = entry.earlierReply(id).map(Transactions::parseToken)
                .filter(record -> now - keptAt(record) < RequestLedger.RETENTION.toMillis());
        WriteResult.Builder reply = WriteResult.newBuilder();
        switch (token.getStepCase()) {
            case CLAIM -> {
                if (kept.isPresent() && !kept.get().getParametersHash().equals(token.getParametersHash())) {
                    return reply.setTokenState(TokenState.TOKEN_MISMATCH);
                }
                if (kept.isPresent() && kept.get().hasOutcome()) {
                    return reply.setTokenState(TokenState.TOKEN_DONE).setTokenOutcome(kept.get().getOutcome());
                }
                if (kept.isPresent() && now - keptAt(kept.get()) < TOKEN_CLAIM_MILLIS) {
                    return reply.setTokenState(TokenState.TOKEN_IN_PROGRESS);
                }
                entry.remember(id, now, TxnToken.newBuilder().setParametersHash(token.getParametersHash())
                        .setKey(at(now)).setClaim(true).build().toByteArray());
                return reply.setTokenState(TokenState.TOKEN_FRESH);
            }
            case OUTCOME -> entry.remember(id, now, TxnToken.newBuilder().setParametersHash(token.getParametersHash())
                    .setKey(at(now)).setOutcome(token.getOutcome()).build().toByteArray());
            case RELEASE -> {
                if (kept.isPresent() && !kept.get().hasOutcome()) {
                    entry.forget(id);
                }
            }
            case STEP_NOT_SET -> { }
        }
        return reply.setTokenState(TokenState.TOKEN_FRESH);
    }

    /** A kept record's time travels in its key field, which a kept record does not otherwise need. */
    private static ByteString at(long millis) {
        return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(millis).array());
    }

    private static long keptAt(TxnToken kept) {
        return kept.getKey().size() == 8 ? ByteBuffer.wrap(kept.getKey().toByteArray()).getLong() : 0;
    }

    private byte[] lockKey(byte[] itemKey) {
        return withSuffix(KeyCodec.META_TXN_LOCK, itemKey);
    }

    private byte[] pendingKey(String txnId) {
        return withSuffix(KeyCodec.META_TXN_PENDING, txnId.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] decisionKey(String txnId) {
        return withSuffix(KeyCodec.META_TXN_DECISION, txnId.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] withSuffix(byte kind, byte[] suffix) {
        byte[] prefix = KeyCodec.partitionMetaKey(entry.partitionId(), kind);
        byte[] key = Arrays.copyOf(prefix, prefix.length + suffix.length);
        System.arraycopy(suffix, 0, key, prefix.length, suffix.length);
        return key;
    }

    private static TxnLock parseLock(byte[] bytes) {
        try {
            return TxnLock.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored lock is not a TxnLock", e);
        }
    }

    static TxnPrepare parsePrepare(byte[] bytes) {
        try {
            return TxnPrepare.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored prepared actions are not a TxnPrepare", e);
        }
    }

    private static TxnToken parseToken(byte[] bytes) {
        try {
            return TxnToken.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a kept client token is not a TxnToken", e);
        }
    }
}
