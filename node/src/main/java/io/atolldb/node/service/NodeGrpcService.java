package io.atolldb.node.service;

import com.google.protobuf.InvalidProtocolBufferException;
import io.atolldb.consensus.ConsensusServer;
import io.atolldb.consensus.GroupNotFoundException;
import io.atolldb.consensus.InvalidCommandException;
import io.atolldb.consensus.NotLeaderException;
import io.atolldb.node.runtime.HostedReplicas;
import io.atolldb.node.runtime.PartitionGroups;
import io.atolldb.node.runtime.StorageNode;
import io.atolldb.proto.CloseReplicaRequest;
import io.atolldb.proto.CloseReplicaResponse;
import io.atolldb.proto.Epoch;
import io.atolldb.proto.NodeServiceGrpc;
import io.atolldb.proto.NodeStatusRequest;
import io.atolldb.proto.NodeStatusResponse;
import io.atolldb.proto.OpenReplicaRequest;
import io.atolldb.proto.OpenReplicaResponse;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.ChangeMembersRequest;
import io.atolldb.proto.ChangeMembersResponse;
import io.atolldb.proto.TransferLeaderRequest;
import io.atolldb.proto.TransferLeaderResponse;
import io.atolldb.consensus.GroupSpec;
import java.util.List;
import io.atolldb.proto.SplitKeyRequest;
import io.atolldb.proto.SplitKeyResponse;
import io.atolldb.proto.SplitRequest;
import io.atolldb.proto.SplitResponse;
import io.atolldb.proto.PartitionQuery;
import io.atolldb.proto.RangeRequest;
import io.atolldb.proto.RangeResponse;
import io.atolldb.proto.ReadRequest;
import io.atolldb.proto.ReadResponse;
import io.atolldb.proto.RoutingError;
import io.atolldb.proto.TransferLeadershipRequest;
import io.atolldb.proto.TransferLeadershipResponse;
import io.atolldb.proto.WriteRequest;
import io.atolldb.proto.WriteResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The node's gRPC face. Checks at the entry that this node hosts the partition and that the caller's
 * epoch is current, then hands writes to the partition's Raft group (through {@link GroupCommit}) and reads to the leader (consistent)
 * or to the local replica (eventually consistent). Every failure a router can recover from comes back
 * as a {@link RoutingError} carrying the hint it needs (the leader, the current descriptor).
 */
public final class NodeGrpcService extends NodeServiceGrpc.NodeServiceImplBase {
    /**
     * How long an eventually consistent read waits for this replica to apply the router's newest
     * acknowledged write before it sends the router to the leader: a healthy follower needs about a
     * millisecond; waiting longer would only slow reads down behind a follower that is cut off.
     */
    static final Duration CATCH_UP_WAIT = Duration.ofMillis(20);

    private final StorageNode node;
    private final ConsensusServer consensus;
    private final HostedReplicas replicas;
    private final MeterRegistry registry;
    private final GroupCommit groupCommit;

    public NodeGrpcService(StorageNode node, ConsensusServer consensus, HostedReplicas replicas, MeterRegistry registry) {
        this.node = node;
        this.consensus = consensus;
        this.replicas = replicas;
        this.registry = registry;
        this.groupCommit = new GroupCommit(consensus, registry);
    }

    @Override
    public void write(WriteRequest request, StreamObserver<WriteResponse> out) {
        Timer.Sample sample = Timer.start(registry);
        RoutingError refusal = checkEntry(request.getPartitionId(), request.getEpoch());
        if (refusal != null) {
            finish(out, WriteResponse.newBuilder().setRoutingError(refusal).build(), sample, "write", refusal);
            return;
        }
        groupCommit.submit(PartitionGroups.groupId(request.getPartitionId()), request.getCommand())
                .whenComplete((response, failure) -> {
                    if (failure == null) {
                        finish(out, response, sample, "write", response.hasRoutingError() ? response.getRoutingError() : null);
                    } else {
                        RoutingError error = withHints(routingErrorFor(failure), request.getPartitionId());
                        finish(out, WriteResponse.newBuilder().setRoutingError(error).build(), sample, "write", error);
                    }
                });
    }

    /**
     * A key refused before it entered the log (its partition split since the router looked): the answer
     * names the partition as it is now and the one split off it, so the router can route at once.
     */
    private RoutingError withHints(RoutingError error, long partitionId) {
        if (error.getCode() != RoutingError.Code.KEY_NOT_IN_PARTITION || error.hasCurrent()) {
            return error;
        }
        var hosted = replicas.get(partitionId);
        if (hosted.isEmpty()) {
            return error;
        }
        var hinted = error.toBuilder().setCurrent(hosted.get().descriptor());
        hosted.get().stateMachine().splitOff().ifPresent(hinted::addRelated);
        return hinted.build();
    }

    @Override
    public void read(ReadRequest request, StreamObserver<ReadResponse> out) {
        serveRead(request.getPartitionId(), request.getEpoch(), request.getConsistent(), request.getMinAppliedIndex(),
                PartitionQuery.newBuilder().setGet(request).build(), ReadResponse::parseFrom,
                error -> ReadResponse.newBuilder().setRoutingError(error).build(),
                response -> response.hasRoutingError() ? response.getRoutingError() : null, "read", out);
    }

    @Override
    public void readRange(RangeRequest request, StreamObserver<RangeResponse> out) {
        serveRead(request.getPartitionId(), request.getEpoch(), request.getConsistent(), request.getMinAppliedIndex(),
                PartitionQuery.newBuilder().setRange(request).build(), RangeResponse::parseFrom,
                error -> RangeResponse.newBuilder().setRoutingError(error).build(),
                response -> response.hasRoutingError() ? response.getRoutingError() : null, "read_range", out);
    }

    /**
     * Serves a read: consistent reads through the Raft group (the leader's read index), others from
     * this replica's applied state once it holds {@code minApplied} (the newest write the router
     * acknowledged in this partition): a follower is normally there already or within a millisecond
     * (the leader announces commits at once); one still short of it after {@link #CATCH_UP_WAIT}
     * answers BEHIND and the router reads at the leader.
     */
    private <T> void serveRead(long partitionId, Epoch epoch, boolean consistent, long minApplied, PartitionQuery query,
                               Parser<T> parser, Function<RoutingError, T> refused, Function<T, RoutingError> errorOf,
                               String operation, StreamObserver<T> out) {
        Timer.Sample sample = Timer.start(registry);
        String metric = consistent ? operation + "_consistent" : operation;
        RoutingError refusal = checkEntry(partitionId, epoch);
        if (refusal != null) {
            finish(out, refused.apply(refusal), sample, metric, refusal);
            return;
        }
        if (!consistent) {
            var machine = replicas.get(partitionId).orElseThrow().stateMachine();
            Runnable serve = () -> parse(machine.query(query.toByteArray()), parser, out)
                    .ifPresent(r -> finish(out, r, sample, metric, errorOf.apply(r)));
            if (machine.lastAppliedIndex() >= minApplied) {
                serve.run();
                return;
            }
            machine.applied(minApplied).orTimeout(CATCH_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenCompleteAsync((reached, failure) -> {
                        if (failure == null) {
                            serve.run();
                        } else {
                            RoutingError behind = RoutingError.newBuilder().setCode(RoutingError.Code.BEHIND)
                                    .setMessage("replica on " + consensus.nodeId() + " has applied up to "
                                            + machine.lastAppliedIndex() + ", not " + minApplied).build();
                            finish(out, refused.apply(behind), sample, metric, behind);
                        }
                    });
            return;
        }
        consensus.readLinearizable(PartitionGroups.groupId(partitionId), query.toByteArray())
                .whenComplete((reply, failure) -> {
                    if (failure == null) {
                        parse(reply, parser, out).ifPresent(r -> finish(out, r, sample, metric, errorOf.apply(r)));
                    } else {
                        RoutingError error = routingErrorFor(failure);
                        finish(out, refused.apply(error), sample, metric, error);
                    }
                });
    }

    @Override
    public void openReplica(OpenReplicaRequest request, StreamObserver<OpenReplicaResponse> out) {
        try {
            node.openReplica(request.getPartition(), request.getPeersList());
            out.onNext(OpenReplicaResponse.getDefaultInstance());
            out.onCompleted();
        } catch (RuntimeException e) {
            out.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
        }
    }

    @Override
    public void closeReplica(CloseReplicaRequest request, StreamObserver<CloseReplicaResponse> out) {
        try {
            node.closeReplica(request.getPartitionId(), request.getDeleteData());
            out.onNext(CloseReplicaResponse.getDefaultInstance());
            out.onCompleted();
        } catch (RuntimeException e) {
            out.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
        }
    }

    @Override
    public void status(NodeStatusRequest request, StreamObserver<NodeStatusResponse> out) {
        out.onNext(node.status());
        out.onCompleted();
    }

    @Override
    public void transferLeadership(TransferLeadershipRequest request, StreamObserver<TransferLeadershipResponse> out) {
        out.onNext(node.transferLeadership(Duration.ofSeconds(10)));
        out.onCompleted();
    }

    /**
     * Null when the request may proceed; otherwise why not. The epoch check compares split versions: the
     * caller's idea of the partition's range must be this replica's (membership changes do not matter
     * here: a replica that is not a member is not hosted). Reads check again under the state machine's
     * lock, and writes check their key's range in apply, so a split between this check and the work
     * cannot slip through.
     */
    private RoutingError checkEntry(long partitionId, Epoch epoch) {
        var hosted = replicas.get(partitionId);
        if (hosted.isEmpty()) {
            return RoutingError.newBuilder().setCode(RoutingError.Code.PARTITION_NOT_FOUND)
                    .setMessage("node " + consensus.nodeId() + " hosts no replica of partition " + partitionId).build();
        }
        var descriptor = hosted.get().descriptor();
        if (descriptor.getEpoch().getSplitVersion() != epoch.getSplitVersion()) {
            return RoutingError.newBuilder().setCode(RoutingError.Code.EPOCH_MISMATCH).setCurrent(descriptor)
                    .setMessage("split version " + epoch.getSplitVersion() + " is not this replica's "
                            + descriptor.getEpoch().getSplitVersion()).build();
        }
        return null;
    }

    @Override
    public void split(SplitRequest request, StreamObserver<SplitResponse> out) {
        if (replicas.get(request.getPartitionId()).isEmpty()) {
            out.onNext(SplitResponse.newBuilder().setRoutingError(RoutingError.newBuilder()
                    .setCode(RoutingError.Code.PARTITION_NOT_FOUND)
                    .setMessage("node " + consensus.nodeId() + " hosts no replica of partition " + request.getPartitionId()))
                    .build());
            out.onCompleted();
            return;
        }
        byte[] command = PartitionCommand.newBuilder().setSplit(request.getSplit()).build().toByteArray();
        consensus.propose(PartitionGroups.groupId(request.getPartitionId()), command).whenComplete((reply, failure) -> {
            SplitResponse response;
            if (failure != null) {
                response = SplitResponse.newBuilder().setRoutingError(routingErrorFor(failure)).build();
            } else {
                try {
                    WriteResponse written = WriteResponse.parseFrom(reply);
                    response = written.hasRoutingError()
                            ? SplitResponse.newBuilder().setRoutingError(written.getRoutingError()).build()
                            : SplitResponse.newBuilder().setResult(written.getResult()).build();
                } catch (InvalidProtocolBufferException e) {
                    out.onError(Status.INTERNAL.withDescription("unreadable reply to a split").asRuntimeException());
                    return;
                }
            }
            out.onNext(response);
            out.onCompleted();
        });
    }

    /**
     * A move's membership change, on the partition's leader: a leader the change leaves out hands over
     * first (answering NOT_LEADER with the new leader, before any snapshot it would write in vain); then
     * a barrier entry, a snapshot holding it (a new member receives it before any log entry, which
     * matters for a partition split off another, whose log does not hold its data), and the
     * compare-and-set change. Answers once the change is committed, or the members already are the
     * wanted ones.
     */
    @Override
    public void changeMembers(ChangeMembersRequest request, StreamObserver<ChangeMembersResponse> out) {
        var group = PartitionGroups.groupId(request.getPartitionId());
        byte[] barrier = PartitionCommand.newBuilder().setBarrier(io.atolldb.proto.PartitionBarrier.getDefaultInstance())
                .build().toByteArray();
        List<GroupSpec.Peer> current = peers(request.getCurrentList());
        List<GroupSpec.Peer> wanted = peers(request.getWantedList());
        consensus.handOverIfLeaving(group, wanted, MEMBER_CHANGE)
                .thenCompose(stays -> consensus.propose(group, barrier))
                .thenCompose(reply -> consensus.snapshot(group, MEMBER_CHANGE))
                .thenCompose(snapshot -> consensus.changeMembers(group, current, wanted, MEMBER_CHANGE))
                .whenComplete((done, failure) -> {
                    var response = ChangeMembersResponse.newBuilder();
                    if (failure != null) {
                        RoutingError error = routingErrorFor(failure);
                        if (error.getCode() == RoutingError.Code.NOT_LEADER || error.getCode() == RoutingError.Code.PARTITION_NOT_FOUND) {
                            response.setRoutingError(error);
                        } else {
                            response.setRefused(String.valueOf(error.getMessage()));
                        }
                    }
                    out.onNext(response.build());
                    out.onCompleted();
                });
    }

    /** Hands the partition's leadership, which this replica holds, to the replica on {@code to_node_id}. */
    @Override
    public void transferLeader(TransferLeaderRequest request, StreamObserver<TransferLeaderResponse> out) {
        consensus.transferLeadership(PartitionGroups.groupId(request.getPartitionId()), request.getToNodeId(), Duration.ofSeconds(10))
                .whenComplete((done, failure) -> {
                    var response = TransferLeaderResponse.newBuilder();
                    if (failure != null) {
                        RoutingError error = routingErrorFor(failure);
                        if (error.getCode() == RoutingError.Code.NOT_LEADER || error.getCode() == RoutingError.Code.PARTITION_NOT_FOUND) {
                            response.setRoutingError(error);
                        } else {
                            response.setRefused(String.valueOf(error.getMessage()));
                        }
                    }
                    out.onNext(response.build());
                    out.onCompleted();
                });
    }

    /** How long a member change may take: a new member receives the whole partition first. */
    private static final Duration MEMBER_CHANGE = Duration.ofMinutes(5);

    private static List<GroupSpec.Peer> peers(List<io.atolldb.proto.NodeInfo> nodes) {
        return nodes.stream().map(node -> new GroupSpec.Peer(node.getNodeId(), node.getRaftAddress())).toList();
    }

    @Override
    public void splitKey(SplitKeyRequest request, StreamObserver<SplitKeyResponse> out) {
        var hosted = replicas.get(request.getPartitionId());
        if (hosted.isEmpty()) {
            out.onNext(SplitKeyResponse.newBuilder().setRoutingError(RoutingError.newBuilder()
                    .setCode(RoutingError.Code.PARTITION_NOT_FOUND)
                    .setMessage("node " + consensus.nodeId() + " hosts no replica of partition " + request.getPartitionId()))
                    .build());
        } else {
            out.onNext(request.getByLoad() ? SplitKeys.middleOfLoad(hosted.get().stateMachine())
                    : SplitKeys.middle(hosted.get().stateMachine()));
        }
        out.onCompleted();
    }

    static RoutingError routingErrorFor(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        var error = RoutingError.newBuilder().setMessage(String.valueOf(cause.getMessage()));
        if (cause instanceof NotLeaderException notLeader) {
            notLeader.leaderNodeId().ifPresent(error::setLeaderNodeId);
            return error.setCode(RoutingError.Code.NOT_LEADER).build();
        }
        if (cause instanceof GroupNotFoundException) {
            return error.setCode(RoutingError.Code.PARTITION_NOT_FOUND).build();
        }
        if (cause instanceof InvalidCommandException || cause.getCause() instanceof InvalidCommandException) {
            return error.setCode(RoutingError.Code.KEY_NOT_IN_PARTITION).build();
        }
        return error.setCode(RoutingError.Code.UNAVAILABLE).build();
    }

    private <T> void finish(StreamObserver<T> out, T response, Timer.Sample sample, String operation, RoutingError error) {
        sample.stop(registry.timer("atoll.node.requests", "node", consensus.nodeId(), "operation", operation,
                "outcome", error == null ? "ok" : error.getCode().name()));
        out.onNext(response);
        out.onCompleted();
    }

    private static <T> java.util.Optional<T> parse(byte[] bytes, Parser<T> parser, StreamObserver<?> out) {
        try {
            return java.util.Optional.of(parser.parse(bytes));
        } catch (InvalidProtocolBufferException e) {
            out.onError(Status.INTERNAL.withDescription("unreadable reply from the state machine").asRuntimeException());
            return java.util.Optional.empty();
        }
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] bytes) throws InvalidProtocolBufferException;
    }
}
