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
 * @param advertisedRpcPort  the gRPC port others use (0: the bound port); differs when a proxy sits in between
 * @param advertisedRaftPort the Raft port others use (0: the bound port)
 * @param metadataAddresses  host:port of the metadata replicas
 * @param heartbeatInterval  how often the node reports to the metadata service and picks up assignments
 */
public record NodeConfig(String nodeId, String zone, String host, String advertisedHost, int rpcPort, int raftPort,
                         int advertisedRpcPort, int advertisedRaftPort, Path dataDir, List<String> metadataAddresses,
                         Duration heartbeatInterval) {

    public NodeConfig {
        metadataAddresses = List.copyOf(metadataAddresses);
    }

    /** A node reached at the ports it binds. */
    public NodeConfig(String nodeId, String zone, String host, String advertisedHost, int rpcPort, int raftPort,
                      Path dataDir, List<String> metadataAddresses, Duration heartbeatInterval) {
        this(nodeId, zone, host, advertisedHost, rpcPort, raftPort, 0, 0, dataDir, metadataAddresses, heartbeatInterval);
    }

    public NodeInfo nodeInfo() {
        return NodeInfo.newBuilder()
                .setNodeId(nodeId)
                .setZone(zone)
                .setRpcAddress(advertisedHost + ":" + (advertisedRpcPort == 0 ? rpcPort : advertisedRpcPort))
                .setRaftAddress(advertisedHost + ":" + (advertisedRaftPort == 0 ? raftPort : advertisedRaftPort))
                .build();
    }
}
