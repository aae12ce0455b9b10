package io.atolldb.router.cluster;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.proto.NodeServiceGrpc;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.PartitionRoute;
import io.atolldb.proto.ReadRequest;
import io.atolldb.proto.ReadResponse;
import io.atolldb.proto.Replica;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import io.atolldb.router.routing.RoutingCache;
import io.atolldb.rpc.Channels;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One item as each replica of its partition holds it now (`atoll admin item`): what an eventually
 * consistent read there would answer, asked of every replica at once, with no retry and no waiting for
 * the router's newest write, each with the newest log entry it had applied and when. Shows replication at
 * work, and lets a probe time when a write reached every replica.
 */
public final class ReplicaViews {
    private static final long DEADLINE_MILLIS = 2_000;

    private final RoutingCache routing;
    private final Channels channels;

    public ReplicaViews(RoutingCache routing, Channels channels) {
        this.routing = routing;
        this.channels = channels;
    }

    /**
     * @param item    the item this replica holds (empty: none), when it answered
     * @param applied the newest log entry this replica had applied when it read the item, when it answered
     * @param error   why it did not answer (a routing error or an RPC failure), else empty
     */
    public record View(String nodeId, String zone, boolean leader, Optional<Map<String, AttributeValue>> item,
                       Optional<Applied> applied, Optional<String> error) {
        static View failed(Replica replica, boolean leads, String error) {
            return new View(replica.getNodeId(), replica.getZone(), leads, Optional.empty(), Optional.empty(), Optional.of(error));
        }
    }

    /** A log entry and when (the replica's clock, microseconds since the epoch) the replica applied it. */
    public record Applied(long index, long atMicros) {
    }

    /** The partition holding the item, and each replica's view of it, in the partition's replica order. */
    public record Views(PartitionDescriptor partition, List<View> replicas) {
    }

    private CompletableFuture<View> ask(Replica replica, boolean leads, ReadRequest request) {
        var node = routing.routes().node(replica.getNodeId());
        if (node.isEmpty()) {
            return CompletableFuture.completedFuture(View.failed(replica, leads, "address unknown"));
        }
        var answer = new CompletableFuture<View>();
        NodeServiceGrpc.newStub(channels.get(node.get().getRpcAddress()))
                .withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                .read(request, new StreamObserver<>() {
                    @Override
                    public void onNext(ReadResponse response) {
                        answer.complete(view(replica, leads, response));
                    }

                    @Override
                    public void onError(Throwable failure) {
                        answer.complete(View.failed(replica, leads, Status.fromThrowable(failure).getCode().toString()));
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        return answer;
    }

    private static View view(Replica replica, boolean leads, ReadResponse response) {
        if (response.hasRoutingError()) {
            return View.failed(replica, leads, response.getRoutingError().getCode() + " " + response.getRoutingError().getMessage());
        }
        Optional<Map<String, AttributeValue>> item = response.getResult().getFound()
                ? Optional.of(ItemCodec.decode(response.getResult().getItem().toByteArray()).attributes())
                : Optional.empty();
        Optional<Applied> applied = response.hasApplied()
                ? Optional.of(new Applied(response.getApplied().getIndex(), response.getApplied().getAtMicros()))
                : Optional.empty();
        return new View(replica.getNodeId(), replica.getZone(), leads, item, applied, Optional.empty());
    }

    /**
     * @throws DynamoException ResourceNotFoundException for an unknown table, ValidationException for a key
     *                         that does not match the table's key schema
     */
    public Views of(String tableName, Map<String, AttributeValue> key) {
        TableDescriptor table = ClusterDynamoService.activeTable(routing, tableName);
        ItemAddress address = ItemAddress.ofKey(table, key);
        PartitionRoute route = routing.routes().route(address.tableId(), address.token())
                .orElseThrow(() -> new DynamoException(ErrorType.ResourceNotFoundException, "no partition owns the key yet"));
        PartitionDescriptor partition = route.getPartition();
        String leader = routing.leaderOf(partition.getPartitionId(), route.getLeaderNodeId()).orElse("");
        ReadRequest request = ReadRequest.newBuilder().setPartitionId(partition.getPartitionId())
                .setEpoch(partition.getEpoch()).setKey(address.storageKey()).setConsistent(false).setReportApplied(true).build();
        // Every replica at once, so that the views are of about the same moment.
        List<CompletableFuture<View>> asked = new ArrayList<>();
        for (Replica replica : partition.getReplicasList()) {
            asked.add(ask(replica, replica.getNodeId().equals(leader), request));
        }
        List<View> views = asked.stream().map(CompletableFuture::join).toList();
        return new Views(partition, views);
    }
}
