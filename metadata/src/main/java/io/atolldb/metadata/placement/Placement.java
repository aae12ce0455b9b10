package io.atolldb.metadata.placement;

import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.Replica;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the replicas of new partitions.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>Every partition has exactly {@value #REPLICAS} replicas, each in a different zone; never two in one zone.</li>
 *   <li>Within a zone, the node with the fewest replicas wins. Ties go, for a preferred leader, to the
 *       node leading the fewest partitions, and for a follower to the node leading the most (so the
 *       others stay free to lead); then to the smallest node id, so the choice is deterministic.</li>
 *   <li>The first replica of a partition is its preferred leader. It goes to the zone leading the
 *       fewest partitions so far, so leaders spread evenly over zones and nodes.</li>
 *   <li>With more than three zones, the three zones holding the fewest replicas are used.</li>
 * </ol>
 * Pure: the caller passes the live nodes and the current load, and gets the replica lists back.
 */
public final class Placement {
    public static final int REPLICAS = 3;

    private Placement() {
    }

    /** How loaded a node already is. */
    public record Load(int replicas, int preferredLeaders) {
        public static final Load NONE = new Load(0, 0);

        Load plusReplica(boolean preferredLeader) {
            return new Load(replicas + 1, preferredLeaders + (preferredLeader ? 1 : 0));
        }
    }

    /** The load of every node from the partitions placed so far: replicas, and preferred leaders (first replicas). */
    public static Map<String, Load> loadOf(Iterable<io.atolldb.proto.PartitionDescriptor> partitions) {
        Map<String, Load> load = new HashMap<>();
        for (io.atolldb.proto.PartitionDescriptor partition : partitions) {
            for (int i = 0; i < partition.getReplicasCount(); i++) {
                boolean preferred = i == 0;
                load.merge(partition.getReplicas(i).getNodeId(), Load.NONE.plusReplica(preferred),
                        (a, b) -> new Load(a.replicas() + b.replicas(), a.preferredLeaders() + b.preferredLeaders()));
            }
        }
        return load;
    }

    /** Thrown when every live node of a zone holds its budget of replicas. */
    public static final class NoRoomException extends RuntimeException {
        public NoRoomException(String message) {
            super(message);
        }
    }

    /**
     * As {@link #place(int, Collection, Map)}, never giving a node more than {@code maxReplicasPerNode} replicas.
     *
     * @throws NoRoomException when a zone has no live node with room left
     */
    public static List<List<Replica>> place(int partitions, Collection<NodeInfo> liveNodes, Map<String, Load> currentLoad,
                                            int maxReplicasPerNode) {
        List<List<Replica>> placed = place(partitions, liveNodes, currentLoad);
        Map<String, Integer> counts = new HashMap<>();
        currentLoad.forEach((node, load) -> counts.put(node, load.replicas()));
        for (List<Replica> replicas : placed) {
            for (Replica replica : replicas) {
                if (counts.merge(replica.getNodeId(), 1, Integer::sum) > maxReplicasPerNode) {
                    throw new NoRoomException("every storage node of zone " + replica.getZone() + " holds its budget of "
                            + maxReplicasPerNode + " replicas (--max-replicas-per-node): add nodes to the zone, or delete tables");
                }
            }
        }
        return placed;
    }

    /** Thrown when the live nodes span fewer than three zones. */
    public static final class NotEnoughZonesException extends RuntimeException {
        public NotEnoughZonesException(String message) {
            super(message);
        }
    }

    /**
     * Places {@code partitions} new partitions on {@code liveNodes}. Returns one replica list per
     * partition, the preferred leader first.
     */
    public static List<List<Replica>> place(int partitions, Collection<NodeInfo> liveNodes, Map<String, Load> currentLoad) {
        Map<String, List<NodeInfo>> byZone = new TreeMap<>();
        for (NodeInfo node : liveNodes) {
            byZone.computeIfAbsent(node.getZone(), z -> new ArrayList<>()).add(node);
        }
        if (byZone.size() < REPLICAS) {
            throw new NotEnoughZonesException("placing a partition needs live storage nodes in " + REPLICAS
                    + " zones; live nodes span " + byZone.size() + " " + byZone.keySet());
        }
        Map<String, Load> load = new HashMap<>(currentLoad);
        List<List<Replica>> result = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            List<String> zones = chooseZones(byZone, load);
            // The chosen zone leading the fewest partitions supplies the preferred leader.
            int leaderZone = 0;
            for (int z = 1; z < REPLICAS; z++) {
                if (zoneLeaders(byZone.get(zones.get(z)), load) < zoneLeaders(byZone.get(zones.get(leaderZone)), load)) {
                    leaderZone = z;
                }
            }
            List<Replica> replicas = new ArrayList<>(REPLICAS);
            for (int i = 0; i < REPLICAS; i++) {
                String zone = zones.get((leaderZone + i) % REPLICAS);
                boolean preferredLeader = i == 0;
                NodeInfo node = leastLoaded(byZone.get(zone), load, preferredLeader);
                load.merge(node.getNodeId(), Load.NONE.plusReplica(preferredLeader),
                        (a, b) -> a.plusReplica(preferredLeader));
                replicas.add(Replica.newBuilder().setNodeId(node.getNodeId()).setZone(zone).build());
            }
            result.add(replicas);
        }
        return result;
    }

    private static List<String> chooseZones(Map<String, List<NodeInfo>> byZone, Map<String, Load> load) {
        return byZone.keySet().stream()
                .sorted(Comparator.comparingInt((String zone) -> byZone.get(zone).stream()
                        .mapToInt(n -> load.getOrDefault(n.getNodeId(), Load.NONE).replicas()).sum())
                        .thenComparing(Comparator.naturalOrder()))
                .limit(REPLICAS)
                .sorted()
                .toList();
    }

    private static int zoneLeaders(List<NodeInfo> nodes, Map<String, Load> load) {
        return nodes.stream().mapToInt(n -> load.getOrDefault(n.getNodeId(), Load.NONE).preferredLeaders()).sum();
    }

    private static NodeInfo leastLoaded(List<NodeInfo> nodes, Map<String, Load> load, boolean preferredLeader) {
        Comparator<NodeInfo> byReplicas = Comparator.comparingInt(n -> load.getOrDefault(n.getNodeId(), Load.NONE).replicas());
        Comparator<NodeInfo> byLeaders = Comparator.comparingInt(n -> load.getOrDefault(n.getNodeId(), Load.NONE).preferredLeaders());
        Comparator<NodeInfo> order = preferredLeader
                ? byReplicas.thenComparing(byLeaders)
                : byReplicas.thenComparing(byLeaders.reversed());
        return nodes.stream().min(order.thenComparing(NodeInfo::getNodeId)).orElseThrow();
    }
}
