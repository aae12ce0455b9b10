package io.atolldb.router.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;

import io.atolldb.model.Item;
import io.atolldb.model.Items;
import io.atolldb.model.KeyCodec;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.proto.ActionOutcome;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.proto.TokenState;
import io.atolldb.proto.TransactInPartition;
import io.atolldb.proto.TxnAction;
import io.atolldb.proto.TxnDecide;
import io.atolldb.proto.TxnDecision;
import io.atolldb.proto.TxnFinish;
import io.atolldb.proto.TxnForget;
import io.atolldb.proto.TxnPrepare;
import io.atolldb.proto.TxnToken;
import io.atolldb.proto.WriteResult;
import io.atolldb.router.api.CancellationReason;
import io.atolldb.router.api.CapacityUnits;
import io.atolldb.router.api.ConsumedCapacity;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import io.atolldb.router.api.TransactWriteRequest;
import io.atolldb.router.api.TransactWriteResult;
import io.atolldb.router.routing.PartitionCaller;

/**
 * TransactWriteItems on the cluster (see docs/ARCHITECTURE.md, "Transactions"). Every action is
 * checked and turned into a partition action first; then:
 *
 * <ul>
 *   <li>all actions in one partition: one {@code TransactInPartition} command, all-or-nothing in apply;</li>
 *   <li>several partitions: two-phase commit. Prepare at every participant at once; if every action
 *       passed, {@code TxnDecide} COMMIT at the coordinator partition (the first action's), whose
 *       recorded decision is the commit point; then {@code TxnFinish} at the other participants and
 *       {@code TxnForget} at the coordinator. Otherwise {@code TxnFinish} ABORT everywhere.</li>
 * </ul>
 *
 * A participant that cannot be reached before the decision aborts the transaction; once the decision
 * is recorded, a participant not reached keeps its locks until {@link TxnRecovery} finishes it.
 */
final class TransactWrites {
    /** DynamoDB's limit on the aggregate size of a transaction's items. */
    static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;
    /** Attempts after resolving a stale lock that blocked the transaction. */
    private static final int RECOVERY_ATTEMPTS = 3;

    private final ClusterDynamoService service;
    private final PartitionWrites writes;
    private final TxnRecovery recovery;
    private final Clock clock;

    TransactWrites(ClusterDynamoService service, PartitionWrites writes, TxnRecovery recovery, Clock clock) {
        this.service = service;
        this.writes = writes;
        this.recovery = recovery;
        this.clock = clock;
    }

    /** One action, resolved against its table: the partition action and where it goes. */
    private record Planned(int position, String tableName, byte[] key, TxnAction action, boolean check,
                           boolean returnOld) {
    }

    /** The actions of one partition, in request order; {@code key} is the first one's item key. */
    private record Participant(long partitionId, byte[] key, List<Planned> actions) {
        List<TxnAction> txnActions() {
            return actions.stream().map(Planned::action).toList();
        }

        List<byte[]> keys() {
            return actions.stream().map(Planned::key).toList();
        }
    }

    /** The outcome of one attempt: committed (the reasons are all None), cancelled, or blocked by a stale lock. */
    private record Attempt(List<ActionOutcome> outcomes, boolean committed, boolean recovered) {
    }

    TransactWriteResult write(TransactWriteRequest request) {
        List<Planned> plan = plan(request);
        if (request.clientRequestToken() == null) {
            return execute(request, plan);
        }
        byte[] tokenKey = tokenKey(plan.getFirst().key(), request.clientRequestToken());
        ByteString hash = parametersHash(request);
        WriteResult claim = token(tokenKey, request.clientRequestToken(), hash, TxnToken.newBuilder().setClaim(true));
        switch (claim.getTokenState()) {
            case TOKEN_MISMATCH -> throw new DynamoException(ErrorType.IdempotentParameterMismatchException,
                    "Request parameters do not match the parameters of a previous request with the same ClientRequestToken");
            case TOKEN_IN_PROGRESS -> throw new DynamoException(ErrorType.TransactionInProgressException,
                    "A transaction with this ClientRequestToken is in progress");
            case TOKEN_DONE -> {
                // Completed within the last 10 minutes: the same answer, nothing written again.
                return new TransactWriteResult(noneConsumed(plan));
            }
            default -> { }
        }
        boolean done = false;
        try {
            TransactWriteResult result = execute(request, plan);
            done = true;
            token(tokenKey, request.clientRequestToken(), hash, TxnToken.newBuilder().setOutcome(ByteString.copyFromUtf8("committed")));
            return result;
        } finally {
            if (!done) {
                try {
                    token(tokenKey, request.clientRequestToken(), hash, TxnToken.newBuilder().setRelease(true));
                } catch (RuntimeException e) {
                    // The claim lapses on its own (Transactions.TOKEN_CLAIM_MILLIS).
                }
            }
        }
    }

    private TransactWriteResult execute(TransactWriteRequest request, List<Planned> plan) {
        for (int attempt = 0; ; attempt++) {
            List<Participant> participants = participants(plan);
            Attempt outcome;
            try {
                outcome = participants.size() == 1 ? inOnePartition(participants.getFirst(), plan.size())
                        : twoPhase(participants, plan.size());
            } catch (PartitionWrites.Divided divided) {
                // A partition split between grouping and sending: group the actions again and start over.
                if (attempt >= RECOVERY_ATTEMPTS) {
                    throw new DynamoException(ErrorType.ServiceUnavailable,
                            "The transaction's partitions kept splitting; the transaction was cancelled");
                }
                continue;
            }
            if (outcome.committed()) {
                return new TransactWriteResult(consumed(plan, outcome.outcomes()));
            }
            if (!outcome.recovered() || attempt >= RECOVERY_ATTEMPTS) {
                throw DynamoException.transactionCanceled(reasons(plan, outcome.outcomes()));
            }
        }
    }

    private Attempt inOnePartition(Participant participant, int size) {
        WriteResult result = ClusterDynamoService.call(() -> writes.sendTogether(participant.keys(), command().setTransact(
                TransactInPartition.newBuilder().addAllActions(participant.txnActions())).build()));
        List<ActionOutcome> outcomes = place(size, List.of(participant), List.of(result));
        boolean passed = outcomes.stream().allMatch(o -> o.getCode() == ActionOutcome.Code.NONE);
        return new Attempt(outcomes, passed, !passed && recoverStale(List.of(participant), List.of(result)));
    }

    private Attempt twoPhase(List<Participant> participants, int size) {
        String txnId = UUID.randomUUID().toString();
        ByteString coordinatorKey = ByteString.copyFrom(participants.getFirst().key());
        long now = clock.millis();
        List<Supplier<WriteResult>> prepares = new ArrayList<>();
        for (Participant participant : participants) {
            PartitionCommand prepare = command(now).setPrepare(TxnPrepare.newBuilder().setTxnId(txnId)
                    .setCoordinatorKey(coordinatorKey).addAllActions(participant.txnActions())).build();
            prepares.add(() -> writes.sendTogether(participant.keys(), prepare));
        }
        List<WriteResult> prepared;
        try {
            prepared = PartitionWrites.all(prepares);
        } catch (PartitionWrites.Divided divided) {
            finishAll(participants, txnId, false);
            throw divided;
        }
        if (prepared.contains(null)) {
            finishAll(participants, txnId, false);
            throw new DynamoException(ErrorType.ServiceUnavailable,
                    "A partition of the transaction could not be reached; the transaction was cancelled");
        }
        List<ActionOutcome> outcomes = place(size, participants, prepared);
        if (!outcomes.stream().allMatch(o -> o.getCode() == ActionOutcome.Code.NONE)) {
            finishAll(participants, txnId, false);
            return new Attempt(outcomes, false, recoverStale(participants, prepared));
        }
        WriteResult decided;
        try {
            decided = writes.send(coordinatorKey.toByteArray(), command().setDecide(TxnDecide.newBuilder()
                    .setTxnId(txnId).setKey(coordinatorKey).setCommit(true)).build());
        } catch (PartitionCaller.UnavailableException e) {
            // The decision may or may not be recorded: the locks stay until recovery asks the coordinator.
            throw new DynamoException(ErrorType.InternalServerError,
                    "The transaction's outcome is unknown: its coordinator partition could not be reached");
        }
        // The coordinator's own prepared actions that a split moved away are finished where they went.
        long decidedAt = clock.millis();
        for (ByteString moved : decided.getMovedKeysList()) {
            finishAt(moved.toByteArray(), txnId, decided.getDecision() == TxnDecision.TXN_COMMITTED, decidedAt);
        }
        if (decided.getDecision() != TxnDecision.TXN_COMMITTED) {
            // A recovery aborted it first (this router looked dead): nothing was written.
            finishAll(participants.subList(1, participants.size()), txnId, false);
            List<ActionOutcome> conflicts = outcomes.stream().map(o -> ActionOutcome.newBuilder(o)
                    .setCode(ActionOutcome.Code.TRANSACTION_CONFLICT).build()).toList();
            return new Attempt(conflicts, false, false);
        }
        if (finishAll(participants.subList(1, participants.size()), txnId, true)) {
            try {
                writes.send(coordinatorKey.toByteArray(), command().setForget(TxnForget.newBuilder()
                        .setTxnId(txnId).setKey(coordinatorKey)).build());
            } catch (PartitionCaller.UnavailableException e) {
                // A decision kept longer than needed costs a few bytes; it is never wrong.
            }
        }
        return new Attempt(outcomes, true, false);
    }

    /** Sends TxnFinish to every participant at once; true when all answered. */
    private boolean finishAll(List<Participant> participants, String txnId, boolean commit) {
        long now = clock.millis();
        List<Supplier<WriteResult>> finishes = new ArrayList<>();
        for (Participant participant : participants) {
            finishes.add(() -> finishAt(participant.key(), txnId, commit, now));
        }
        return !PartitionWrites.all(finishes).contains(null);
    }

    /** TxnFinish at the partition owning {@code key} and wherever splits moved the transaction's actions from it. */
    private WriteResult finishAt(byte[] key, String txnId, boolean commit, long now) {
        return writes.finishEverywhere(key, command(now).setFinish(TxnFinish.newBuilder().setTxnId(txnId)
                .setKey(ByteString.copyFrom(key)).setCommit(commit)).build());
    }

    /** Resolves the stale locks that blocked some actions; true when one was resolved (worth another attempt). */
    private boolean recoverStale(List<Participant> participants, List<WriteResult> results) {
        boolean recovered = false;
        for (int p = 0; p < participants.size(); p++) {
            for (ActionOutcome outcome : results.get(p).getActionsList()) {
                if (outcome.getCode() == ActionOutcome.Code.TRANSACTION_CONFLICT && outcome.hasLock()
                        && !outcome.getLock().getTxnId().isEmpty()) {
                    recovered |= recovery.resolveIfStale(outcome.getLock(), participants.get(p).key());
                }
            }
        }
        return recovered;
    }

    /** Each participant's outcomes put back at their actions' positions in the request. */
    private static List<ActionOutcome> place(int size, List<Participant> participants, List<WriteResult> results) {
        ActionOutcome[] outcomes = new ActionOutcome[size];
        for (int p = 0; p < participants.size(); p++) {
            List<Planned> actions = participants.get(p).actions();
            for (int i = 0; i < actions.size(); i++) {
                outcomes[actions.get(i).position()] = results.get(p).getActions(i);
            }
        }
        return List.of(outcomes);
    }

    private List<Planned> plan(TransactWriteRequest request) {
        List<Planned> plan = new ArrayList<>();
        Set<ByteBuffer> seen = new HashSet<>();
        long bytes = 0;
        for (TransactWriteRequest.Action action : request.actions()) {
            TableDescriptor table = service.activeTableDescriptor(action.tableName());
            ItemAddress address = switch (action) {
                case TransactWriteRequest.Put put -> ItemAddress.ofItem(table, put.item());
                case TransactWriteRequest.Update update -> ItemAddress.ofKey(table, update.key());
                case TransactWriteRequest.Delete delete -> ItemAddress.ofKey(table, delete.key());
                case TransactWriteRequest.ConditionCheck check -> ItemAddress.ofKey(table, check.key());
            };
            bytes += switch (action) {
                case TransactWriteRequest.Put put -> Items.size(put.item());
                case TransactWriteRequest.Update update -> Items.size(new Item(update.key()));
                case TransactWriteRequest.Delete delete -> Items.size(new Item(delete.key()));
                case TransactWriteRequest.ConditionCheck check -> Items.size(new Item(check.key()));
            };
            byte[] storageKey = address.storageKeyBytes();
            if (!seen.add(ByteBuffer.wrap(storageKey))) {
                throw DynamoException.validation("Transaction request cannot include multiple operations on one item");
            }
            plan.add(new Planned(plan.size(), action.tableName(), storageKey, ItemCommands.action(table, address, action),
                    action instanceof TransactWriteRequest.ConditionCheck, action.returnOldOnConditionFailure()));
        }
        if (bytes > MAX_TRANSACTION_BYTES) {
            throw DynamoException.validation("Transaction request size exceeds the maximum allowed aggregate size of 4 MB");
        }
        return plan;
    }

    /** The actions grouped by partition, in order of first appearance: the first group is the coordinator. */
    private List<Participant> participants(List<Planned> plan) {
        Map<Long, List<Planned>> groups = new LinkedHashMap<>();
        for (Planned planned : plan) {
            long partition;
            try {
                partition = writes.partitionOf(planned.key());
            } catch (PartitionCaller.UnavailableException e) {
                throw new DynamoException(ErrorType.ServiceUnavailable, e.getMessage());
            }
            groups.computeIfAbsent(partition, p -> new ArrayList<>()).add(planned);
        }
        return groups.entrySet().stream()
                .map(group -> new Participant(group.getKey(), group.getValue().getFirst().key(), group.getValue()))
                .toList();
    }

    private static List<CancellationReason> reasons(List<Planned> plan, List<ActionOutcome> outcomes) {
        List<CancellationReason> reasons = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            ActionOutcome outcome = outcomes.get(i);
            reasons.add(switch (outcome.getCode()) {
                case CONDITIONAL_CHECK_FAILED -> new CancellationReason(CancellationReason.CONDITIONAL_CHECK_FAILED,
                        "The conditional request failed", plan.get(i).returnOld() && outcome.getHadOld()
                                ? ItemCodec.decode(outcome.getOldItem().toByteArray()).attributes() : null);
                case TRANSACTION_CONFLICT -> new CancellationReason(CancellationReason.TRANSACTION_CONFLICT,
                        "Transaction is ongoing for the item", null);
                case VALIDATION_ERROR -> new CancellationReason(CancellationReason.VALIDATION_ERROR, outcome.getMessage(), null);
                case NONE, UNRECOGNIZED -> CancellationReason.none();
            });
        }
        return reasons;
    }

    /**
     * Transactional capacity: twice the units of the single-item operation, per item (DynamoDB prepares
     * and commits each). Writes count write units on the larger of the item before and after; a
     * ConditionCheck counts read units of the item it read.
     */
    private static List<ConsumedCapacity> consumed(List<Planned> plan, List<ActionOutcome> outcomes) {
        Map<String, ConsumedCapacity> perTable = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            Planned planned = plan.get(i);
            ActionOutcome outcome = outcomes.get(i);
            ConsumedCapacity one = planned.check()
                    ? ConsumedCapacity.transactional(planned.tableName(), 2 * CapacityUnits.read(outcome.getOldSize(), true), 0)
                    : ConsumedCapacity.transactional(planned.tableName(), 0,
                            2 * CapacityUnits.write(outcome.getOldSize(), outcome.getNewSize()));
            perTable.merge(planned.tableName(), one, ConsumedCapacity::plus);
        }
        return List.copyOf(perTable.values());
    }

    private static List<ConsumedCapacity> noneConsumed(List<Planned> plan) {
        Map<String, ConsumedCapacity> perTable = new LinkedHashMap<>();
        plan.forEach(planned -> perTable.putIfAbsent(planned.tableName(), ConsumedCapacity.transactional(planned.tableName(), 0, 0)));
        return List.copyOf(perTable.values());
    }

    private WriteResult token(byte[] tokenKey, String clientToken, ByteString hash, TxnToken.Builder step) {
        return send(tokenKey, command().setToken(step.setClientToken(clientToken).setKey(ByteString.copyFrom(tokenKey))
                .setParametersHash(hash)).build());
    }

    /**
     * Where a client token is kept: a key of the first action's table hashed from the token, so every
     * retry of the request (same first action, same token) reaches the same partition.
     */
    private static byte[] tokenKey(byte[] firstKey, String clientToken) {
        return ItemAddress.ofClientToken(KeyCodec.tableIdOf(firstKey), clientToken).storageKeyBytes();
    }

    /** SHA-256 of the request without its token: a retry must send exactly the same actions. */
    private static ByteString parametersHash(TransactWriteRequest request) {
        try {
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256")
                    .digest(request.actions().toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private WriteResult send(byte[] key, PartitionCommand command) {
        return ClusterDynamoService.call(() -> writes.send(key, command));
    }

    private PartitionCommand.Builder command() {
        return command(clock.millis());
    }

    private static PartitionCommand.Builder command(long now) {
        return ItemCommands.command(now);
    }
}
