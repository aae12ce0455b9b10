package io.atolldb.node.runtime;

import io.atolldb.proto.NodeInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How one storage node runs.
 *
 * @param nodeId             unique and stable across restarts (also its Raft peer id)
 * @param zone               the availability zone label; a partition never has two replicas in one zone
 * @param advertisedHost     the host other processes use to reach this node (its bind host unless told otherwise)
 * @param metadataAddresses  host:port of the metadata replicas
 * @param heartbeatInterval  how often the node reports to the metadata service and picks up assignments
 */
public record NodeConfig(String nodeId, String zone, String host, String advertisedHost, int rpcPort, int raftPort,
                         Path dataDir, List<String> metadataAddresses, Duration heartbeatInterval) {

    public NodeConfig {
        metadataAddresses = List.copyOf(metadataAddresses);
    }

    public NodeInfo nodeInfo() {
        return NodeInfo.newBuilder()
                .setNodeId(nodeId)
                .setZone(zone)
                .setRpcAddress(advertisedHost + ":" + rpcPort)
                .setRaftAddress(advertisedHost + ":" + raftPort)
                .build();
    }
}
