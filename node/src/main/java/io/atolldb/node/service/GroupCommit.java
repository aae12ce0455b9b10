package io.atolldb.node.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.google.protobuf.InvalidProtocolBufferException;

import io.atolldb.consensus.ConsensusServer;
import io.atolldb.proto.CommandBatch;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.WriteResponse;
import io.atolldb.proto.WriteResponses;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Group commit: turns many concurrent writes to one partition into few Raft log entries. Each entry
 * costs an append round to the followers and an fsync on every replica, whatever it carries, so while
 * {@value #MAX_IN_FLIGHT} entries of a partition are in flight, further writes wait in the partition's
 * lane and go out together, as one {@link CommandBatch} entry, when one of those entries commits.
 * An idle partition proposes a write at once, as its own entry: batching adds no wait at low load.
 *
 * <p>Each command of a batch keeps its request id and is judged and answered on its own in apply
 * (see the partition state machine), so a batch fails only as a whole when the proposal itself fails
 * (this replica is not the leader, the group lost its quorum): then every waiting write gets that
 * failure, which the router retries like any other.
 */
final class GroupCommit {
    /** Entries of one partition proposed and not yet committed: two keep the pipeline busy. */
    static final int MAX_IN_FLIGHT = 2;
    /** Bounds of one batch, so that an entry stays well below the Raft transport's message limits. */
    static final int MAX_BATCH_COMMANDS = 256;
    static final int MAX_BATCH_BYTES = 2 << 20;

    /** Proposes one log entry to a group; {@link ConsensusServer#propose} in production. */
    @FunctionalInterface
    interface Proposer {
        CompletableFuture<byte[]> propose(UUID groupId, byte[] entry);
    }

    private final Proposer proposer;
    private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final DistributionSummary batchSizes;

    GroupCommit(ConsensusServer consensus, MeterRegistry registry) {
        this(consensus::propose, consensus.nodeId(), registry);
    }

    GroupCommit(Proposer proposer, String nodeId, MeterRegistry registry) {
        this.proposer = proposer;
        this.batchSizes = DistributionSummary.builder("atoll.node.group.commit.writes")
                .description("Writes carried by one Raft log entry of a partition")
                .tag("node", nodeId)
                .register(registry);
    }

    /** Proposes {@code command} to the partition's group; completes with its reply once applied. */
    CompletableFuture<WriteResponse> submit(UUID groupId, PartitionCommand command) {
        var pending = new Pending(command, new CompletableFuture<>());
        lanes.computeIfAbsent(groupId, id -> new Lane(id)).offer(pending);
        return pending.reply();
    }

    private record Pending(PartitionCommand command, CompletableFuture<WriteResponse> reply) {
    }

    /** The writes of one partition waiting for an entry, and how many of its entries are in flight. */
    private final class Lane {
        private final UUID groupId;
        private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        private int inFlight;

        Lane(UUID groupId) {
            this.groupId = groupId;
        }

        void offer(Pending pending) {
            List<Pending> now;
            synchronized (this) {
                waiting.add(pending);
                if (inFlight >= MAX_IN_FLIGHT) {
                    return;
                }
                now = takeBatch();
            }
            propose(now);
        }

        private void committed() {
            List<Pending> next;
            synchronized (this) {
                inFlight--;
                if (waiting.isEmpty()) {
                    if (inFlight == 0) {
                        // Idle lanes go, so partitions this node stopped hosting leave nothing behind. A
                        // write that found this lane just before still proposes through it: correct, as
                        // writes to one partition are unordered until applied, only less batched.
                        lanes.remove(groupId, this);
                    }
                    return;
                }
                next = takeBatch();
            }
            propose(next);
        }

        /** Takes the next batch off the queue and counts it in flight; callers hold the lock. */
        private List<Pending> takeBatch() {
            List<Pending> batch = new ArrayList<>();
            int bytes = 0;
            while (!waiting.isEmpty() && batch.size() < MAX_BATCH_COMMANDS) {
                int size = waiting.peek().command().getSerializedSize();
                if (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
                    break;
                }
                batch.add(waiting.poll());
                bytes += size;
            }
            inFlight++;
            return batch;
        }

        private void propose(List<Pending> batch) {
            batchSizes.record(batch.size());
            byte[] entry = batch.size() == 1
                    ? batch.getFirst().command().toByteArray()
                    : PartitionCommand.newBuilder().setBatch(CommandBatch.newBuilder()
                            .addAllCommands(batch.stream().map(Pending::command).toList())).build().toByteArray();
            proposer.propose(groupId, entry).whenComplete((reply, failure) -> {
                try {
                    if (failure != null) {
                        batch.forEach(pending -> pending.reply().completeExceptionally(failure));
                    } else {
                        deliver(batch, reply);
                    }
                } finally {
                    committed();
                }
            });
        }

        private static void deliver(List<Pending> batch, byte[] reply) {
            try {
                if (batch.size() == 1) {
                    batch.getFirst().reply().complete(WriteResponse.parseFrom(reply));
                    return;
                }
                List<WriteResponse> responses = WriteResponses.parseFrom(reply).getResponsesList();
                if (responses.size() != batch.size()) {
                    throw new IllegalStateException("a batch of " + batch.size() + " writes got "
                            + responses.size() + " replies");
                }
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).reply().complete(responses.get(i));
                }
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                batch.forEach(pending -> pending.reply().completeExceptionally(e));
            }
        }
    }
}
