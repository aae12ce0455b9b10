package io.atolldb.metadata;

import io.atolldb.metadata.scheduler.Mover;
import io.atolldb.metadata.scheduler.Splitter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How one metadata replica runs.
 *
 * @param nodeId                this replica's id (also its Raft peer id)
 * @param peers                 all three metadata replicas, this one included
 * @param dataDir               where the Raft log and the catalog live
 * @param defaultPartitionCount partitions of a new table when the request names none; 0: as few as its
 *                              declared throughput needs (one for an on-demand table), then it grows by splitting
 * @param nodeLivenessTimeout   a storage node silent for longer is not live: no new replicas go to it
 * @param splits                when partitions split by themselves
 * @param moves                 when replicas move by themselves (heal, drain, balance)
 * @param maxReplicasPerNode    the replicas a storage node may host: each idle replica costs a Raft group's
 *                              threads, CPU and files (docs/performance.md, "Idle cost of a replica"); no table,
 *                              split or move places more on a node
 */
public record MetadataConfig(String nodeId, String host, int rpcPort, int raftPort, Path dataDir, List<Peer> peers,
                             int defaultPartitionCount, Duration nodeLivenessTimeout, Splitter.Settings splits,
                             Mover.Settings moves, int maxReplicasPerNode) {

    /** The default budget of replicas per node: idle, about a third of a core, 1,500 threads and 1.1 GB of direct memory. */
    public static final int DEFAULT_MAX_REPLICAS_PER_NODE = 256;

    public MetadataConfig(String nodeId, String host, int rpcPort, int raftPort, Path dataDir, List<Peer> peers,
                          int defaultPartitionCount, Duration nodeLivenessTimeout, Splitter.Settings splits,
                          Mover.Settings moves) {
        this(nodeId, host, rpcPort, raftPort, dataDir, peers, defaultPartitionCount, nodeLivenessTimeout, splits, moves,
                DEFAULT_MAX_REPLICAS_PER_NODE);
    }

    public MetadataConfig {
        peers = List.copyOf(peers);
        if (peers.stream().noneMatch(p -> p.nodeId().equals(nodeId))) {
            throw new IllegalArgumentException("the peers must include this replica " + nodeId);
        }
    }

    /** One metadata replica as the others know it. */
    public record Peer(String nodeId, String zone, String raftAddress, String rpcAddress) {
    }

    public List<String> rpcAddresses() {
        return peers.stream().map(Peer::rpcAddress).toList();
    }
}
