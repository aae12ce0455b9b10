package io.atolldb.router.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atolldb.proto.ClusterDescription;
import io.atolldb.proto.DescribeClusterRequest;
import io.atolldb.proto.DrainNodeRequest;
import io.atolldb.proto.DrainNodeResponse;
import io.atolldb.proto.MovePartitionRequest;
import io.atolldb.proto.NodeStatus;
import io.atolldb.proto.Operation;
import io.atolldb.proto.PartitionInfo;
import io.atolldb.proto.Replica;
import io.atolldb.proto.SplitPartitionRequest;
import io.atolldb.proto.SplitPartitionResponse;
import io.atolldb.rpc.MetadataClient;
import io.atolldb.router.api.AttributeValueJson;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.ErrorType;
import io.atolldb.router.cluster.ReplicaViews;

import java.math.BigInteger;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cluster as an operator sees it (`atoll admin`), served by every router under {@code /atoll/admin/}
 * on its DynamoDB port: the partition map with sizes, leaders and states, the nodes, the operations
 * running and recently ended; and operator requests (split a partition now). Answers are JSON objects
 * built from the metadata leader's description. Tokens are unsigned 64-bit decimals in strings (JSON
 * numbers lose precision past 2^53); the end of the ring is 18446744073709551616.
 */
public final class ClusterAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger RING = BigInteger.ONE.shiftLeft(64);

    private final MetadataClient metadata;
    private final ReplicaViews replicaViews;

    public ClusterAdmin(MetadataClient metadata, ReplicaViews replicaViews) {
        this.metadata = metadata;
        this.replicaViews = replicaViews;
    }

    /**
     * {@code {"table", "partition", "replicas": [{"node", "zone", "leader", "found", "item", "applied": {"index",
     * "atMicros"}, "error"}]}}: the item with key {@code keyJson} (DynamoDB JSON, as in GetItem's Key) as each
     * replica holds it now, and the newest log entry the replica had applied then and when (its clock,
     * microseconds since the epoch).
     */
    public ObjectNode item(String table, String keyJson) {
        ReplicaViews.Views views;
        try {
            views = replicaViews.of(table, AttributeValueJson.readMap(JSON.readTree(keyJson), "Key"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AdminException(400, "key is not JSON: " + e.getOriginalMessage());
        } catch (DynamoException e) {
            throw new AdminException(e.type() == ErrorType.ResourceNotFoundException ? 404 : 400, e.getMessage());
        } catch (io.atolldb.model.ValidationError e) {
            throw new AdminException(400, e.getMessage());
        }
        ObjectNode answer = JSON.createObjectNode().put("table", table).put("partition", views.partition().getPartitionId());
        ArrayNode replicas = answer.putArray("replicas");
        for (ReplicaViews.View view : views.replicas()) {
            ObjectNode replica = replicas.addObject().put("node", view.nodeId()).put("zone", view.zone())
                    .put("leader", view.leader()).put("found", view.item().isPresent());
            view.item().ifPresent(item -> replica.set("item", AttributeValueJson.writeMap(item)));
            view.applied().ifPresent(applied -> replica.putObject("applied")
                    .put("index", applied.index()).put("atMicros", applied.atMicros()));
            view.error().ifPresent(error -> replica.put("error", error));
        }
        return answer;
    }

    /** {@code {"version", "partitions": [...]}}, for one table or (empty name) all. */
    public ObjectNode partitions(String table) {
        ClusterDescription cluster = describe(table);
        ObjectNode answer = JSON.createObjectNode().put("version", cluster.getVersion());
        Map<String, Boolean> live = cluster.getNodesList().stream()
                .collect(Collectors.toMap(n -> n.getNode().getNodeId(), NodeStatus::getLive, (a, b) -> a));
        ArrayNode partitions = answer.putArray("partitions");
        for (PartitionInfo info : cluster.getPartitionsList()) {
            var p = info.getPartition();
            ObjectNode one = partitions.addObject()
                    .put("table", info.getTableName())
                    .put("partition", p.getPartitionId())
                    .put("tokenStart", unsigned(p.getTokenStart()))
                    .put("tokenEnd", p.getTokenEnd() == 0 ? RING.toString() : unsigned(p.getTokenEnd()))
                    .put("splitVersion", p.getEpoch().getSplitVersion())
                    .put("confVersion", p.getEpoch().getConfVersion())
                    .put("leader", info.getLeaderNodeId())
                    .put("items", info.getItemCount())
                    .put("sizeBytes", info.getSizeBytes())
                    .put("state", info.getState());
            if (p.getParentPartitionId() != 0) {
                one.put("splitFrom", p.getParentPartitionId());
            }
            ArrayNode replicas = one.putArray("replicas");
            for (Replica replica : p.getReplicasList()) {
                replicas.addObject().put("node", replica.getNodeId()).put("zone", replica.getZone())
                        .put("live", live.getOrDefault(replica.getNodeId(), false));
            }
        }
        return answer;
    }

    /** {@code {"version", "nodes": [...]}}. */
    public ObjectNode nodes() {
        ClusterDescription cluster = describe("");
        ObjectNode answer = JSON.createObjectNode().put("version", cluster.getVersion());
        ArrayNode nodes = answer.putArray("nodes");
        for (NodeStatus node : cluster.getNodesList()) {
            nodes.addObject().put("node", node.getNode().getNodeId()).put("zone", node.getNode().getZone())
                    .put("rpcAddress", node.getNode().getRpcAddress())
                    .put("state", node.getDead() ? "DEAD" : node.getLive() ? (node.getDraining() ? "DRAINING" : "LIVE") : "DOWN")
                    .put("draining", node.getDraining())
                    .put("replicas", node.getReplicas()).put("leaders", node.getLeaders())
                    .put("lastHeardMillis", node.getLastHeardMillis());
        }
        return answer;
    }

    /** {@code {"version", "operations": [...]}}: running first, then ended ones, newest first. */
    public ObjectNode operations() {
        ClusterDescription cluster = describe("");
        ObjectNode answer = JSON.createObjectNode().put("version", cluster.getVersion());
        ArrayNode operations = answer.putArray("operations");
        cluster.getOperationsList().stream()
                .sorted((a, b) -> a.getState() == b.getState() || (a.getState() != Operation.State.RUNNING
                        && b.getState() != Operation.State.RUNNING)
                        ? Long.compare(b.getOperationId(), a.getOperationId())
                        : a.getState() == Operation.State.RUNNING ? -1 : 1)
                .forEach(operation -> render(operation, operations.addObject()));
        return answer;
    }

    /** Starts a split of {@code partitionId} at {@code token} (0: at the middle of its bytes). */
    public ObjectNode split(long partitionId, long token) {
        SplitPartitionResponse started = metadata.call(stub -> stub.splitPartition(SplitPartitionRequest.newBuilder()
                .setPartitionId(partitionId).setSplitToken(token).build()), SplitPartitionResponse::getError);
        if (started.hasError()) {
            throw new AdminException(400, started.getError().getMessage());
        }
        return render(started.getOperation(), JSON.createObjectNode());
    }

    /** Starts moving the replica of {@code partitionId} on {@code from} to {@code to} (empty: the emptiest node of its zone). */
    public ObjectNode move(long partitionId, String from, String to) {
        SplitPartitionResponse started = metadata.call(stub -> stub.movePartition(MovePartitionRequest.newBuilder()
                .setPartitionId(partitionId).setFromNodeId(from).setToNodeId(to).build()), SplitPartitionResponse::getError);
        if (started.hasError()) {
            throw new AdminException(400, started.getError().getMessage());
        }
        return render(started.getOperation(), JSON.createObjectNode());
    }

    /** Marks {@code node} draining (every replica moves off it), or with {@code undo} no longer. */
    public ObjectNode drain(String node, boolean undo) {
        DrainNodeResponse answer = metadata.call(stub -> stub.drainNode(DrainNodeRequest.newBuilder()
                .setNodeId(node).setUndo(undo).build()), DrainNodeResponse::getError);
        if (answer.hasError()) {
            throw new AdminException(400, answer.getError().getMessage());
        }
        NodeStatus status = answer.getNode();
        return JSON.createObjectNode().put("node", status.getNode().getNodeId()).put("zone", status.getNode().getZone())
                .put("draining", status.getDraining()).put("replicas", status.getReplicas());
    }

    private ClusterDescription describe(String table) {
        ClusterDescription cluster = metadata.call(stub -> stub.describeCluster(
                DescribeClusterRequest.newBuilder().setTableName(table).build()), ClusterDescription::getError);
        if (!table.isEmpty() && cluster.getPartitionsCount() == 0) {
            throw new AdminException(404, "no table named " + table);
        }
        return cluster;
    }

    private static ObjectNode render(Operation operation, ObjectNode into) {
        into.put("operation", operation.getOperationId()).put("state", operation.getState().name())
                .put("reason", operation.getReason()).put("outcome", operation.getOutcome())
                .put("startedMillis", operation.getStartedMillis()).put("endedMillis", operation.getEndedMillis());
        if (operation.hasSplit()) {
            var split = operation.getSplit();
            into.put("kind", "split").put("partition", split.getPartitionId())
                    .put("newPartition", split.getChildPartitionId()).put("splitToken", unsigned(split.getSplitToken()));
        } else if (operation.hasMove()) {
            var move = operation.getMove();
            into.put("kind", "move").put("partition", move.getPartitionId())
                    .put("from", move.getFromNodeId()).put("to", move.getToNodeId());
        }
        return into;
    }

    private static String unsigned(long token) {
        return Long.toUnsignedString(token);
    }

    /** An operator request that cannot be served, with its HTTP status. */
    public static final class AdminException extends RuntimeException {
        private final int status;

        public AdminException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

}
