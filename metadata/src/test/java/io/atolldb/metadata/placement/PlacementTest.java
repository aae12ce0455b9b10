package io.atolldb.metadata.placement;

import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.Replica;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Replica placement: one replica per zone, load and leaders spread (architecture notes, "Placement and zones"). */
class PlacementTest {

    private static NodeInfo node(String id, String zone) {
        return NodeInfo.newBuilder().setNodeId(id).setZone(zone).build();
    }

    private static List<NodeInfo> nodes(int perZone) {
        List<NodeInfo> nodes = new ArrayList<>();
        for (String zone : List.of("a", "b", "c")) {
            for (int i = 1; i <= perZone; i++) {
                nodes.add(node(zone + i, zone));
            }
        }
        return nodes;
    }

    @Test
    void everyPartitionHasExactlyOneReplicaInEachZone() {
        List<List<Replica>> placed = Placement.place(16, nodes(2), Map.of());

        assertThat(placed).hasSize(16).allSatisfy(replicas -> {
            assertThat(replicas).hasSize(3);
            assertThat(replicas.stream().map(Replica::getZone)).containsExactlyInAnyOrder("a", "b", "c");
        });
    }

    @Test
    void replicasSpreadEvenlyOverTheNodesOfAZone() {
        List<List<Replica>> placed = Placement.place(12, nodes(2), Map.of());

        Map<String, Long> perNode = placed.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(Replica::getNodeId, Collectors.counting()));
        assertThat(perNode).hasSize(6).allSatisfy((node, count) -> assertThat(count).isEqualTo(6));
    }

    @Test
    void preferredLeadersSpreadOverZonesAndNodes() {
        List<List<Replica>> placed = Placement.place(12, nodes(2), Map.of());

        Map<String, Long> leadersPerNode = placed.stream().map(List::getFirst)
                .collect(Collectors.groupingBy(Replica::getNodeId, Collectors.counting()));
        assertThat(leadersPerNode).hasSize(6).allSatisfy((node, count) -> assertThat(count).isEqualTo(2));
    }

    @Test
    void existingLoadSteersNewReplicasToTheEmptierNode() {
        var load = new HashMap<String, Placement.Load>();
        load.put("a1", new Placement.Load(10, 3));

        List<List<Replica>> placed = Placement.place(2, nodes(2), load);

        assertThat(placed).allSatisfy(replicas -> assertThat(replicas.stream().map(Replica::getNodeId)).doesNotContain("a1"));
    }

    @Test
    void withMoreThanThreeZonesTheLeastLoadedThreeAreUsed() {
        List<NodeInfo> nodes = new ArrayList<>(nodes(1));
        nodes.add(node("d1", "d"));
        var load = Map.of("a1", new Placement.Load(5, 0));

        List<List<Replica>> placed = Placement.place(1, nodes, load);

        assertThat(placed.getFirst().stream().map(Replica::getZone)).containsExactlyInAnyOrder("b", "c", "d");
    }

    @Test
    void fewerThanThreeZonesIsRefusedRatherThanDoublingUpAZone() {
        List<NodeInfo> twoZones = List.of(node("a1", "a"), node("a2", "a"), node("b1", "b"));

        assertThatThrownBy(() -> Placement.place(1, twoZones, Map.of()))
                .isInstanceOf(Placement.NotEnoughZonesException.class)
                .hasMessageContaining("3 zones");
    }
}
