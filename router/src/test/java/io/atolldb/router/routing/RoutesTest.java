package io.atolldb.router.routing;

import io.atolldb.model.TokenRange;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.PartitionRoute;
import io.atolldb.proto.RoutingTable;
import io.atolldb.proto.TableDescriptor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The router's partition map: a token finds the one partition whose range holds it. */
class RoutesTest {

    private static Routes routesFor(long tableId, int partitions) {
        var table = RoutingTable.newBuilder().addTables(TableDescriptor.newBuilder().setTableId(tableId).setName("t" + tableId));
        List<TokenRange> ranges = TokenRange.evenSplit(partitions);
        for (int i = 0; i < partitions; i++) {
            table.addRoutes(PartitionRoute.newBuilder().setPartition(PartitionDescriptor.newBuilder()
                    .setPartitionId(100 + i).setTableId(tableId)
                    .setTokenStart(ranges.get(i).start()).setTokenEnd(ranges.get(i).end())));
        }
        return new Routes(table.build());
    }

    @Property
    void everyTokenRoutesToThePartitionWhoseRangeContainsIt(@ForAll long token, @ForAll @IntRange(min = 1, max = 64) int partitions) {
        Routes routes = routesFor(7, partitions);

        PartitionDescriptor found = routes.route(7, token).orElseThrow().getPartition();

        assertThat(new TokenRange(found.getTokenStart(), found.getTokenEnd()).contains(token)).isTrue();
    }

    @Test
    void tokensAboveTwoToTheSixtyThreeAreOrderedUnsigned() {
        Routes routes = routesFor(7, 4);

        assertThat(routes.route(7, -1L).orElseThrow().getPartition().getPartitionId()).isEqualTo(103);
        assertThat(routes.route(7, 0L).orElseThrow().getPartition().getPartitionId()).isEqualTo(100);
        assertThat(routes.route(7, Long.MIN_VALUE).orElseThrow().getPartition().getPartitionId()).isEqualTo(102);
    }

    @Test
    void anUnknownTableHasNoRoute() {
        assertThat(routesFor(7, 2).route(8, 0)).isEmpty();
        assertThat(routesFor(7, 2).table("t8")).isEmpty();
        assertThat(routesFor(7, 2).table("t7")).isPresent();
    }

    @Test
    void bothHalvesOfASplitLearnedFromANodeReplaceTheOldPartitionWhichKeepsItsReplicasAndLeader() {
        var table = RoutingTable.newBuilder().addTables(TableDescriptor.newBuilder().setTableId(7).setName("t7"))
                .addRoutes(PartitionRoute.newBuilder().setLeaderNodeId("n2").setPartition(PartitionDescriptor.newBuilder()
                        .setPartitionId(100).setTableId(7).setTokenStart(0).setTokenEnd(0)
                        .setEpoch(io.atolldb.proto.Epoch.newBuilder().setSplitVersion(1))
                        .addReplicas(io.atolldb.proto.Replica.newBuilder().setNodeId("n1"))
                        .addReplicas(io.atolldb.proto.Replica.newBuilder().setNodeId("n2"))));
        Routes routes = new Routes(table.build());
        PartitionDescriptor old = routes.partitions(7).getFirst();
        PartitionDescriptor left = io.atolldb.rpc.PartitionSplits.left(old, 1000).toBuilder().clearReplicas().build();
        PartitionDescriptor right = io.atolldb.rpc.PartitionSplits.right(old, 1000, 101);

        Routes learned = routes.withLearned(List.of(left, right));

        assertThat(learned.route(7, 999).orElseThrow().getPartition().getPartitionId()).isEqualTo(100);
        assertThat(learned.route(7, 999).orElseThrow().getPartition().getReplicasList()).isEqualTo(old.getReplicasList());
        assertThat(learned.route(7, 999).orElseThrow().getLeaderNodeId()).isEqualTo("n2");
        assertThat(learned.route(7, 1000).orElseThrow().getPartition()).isEqualTo(right);
        assertThat(learned.route(7, -1).orElseThrow().getPartition().getPartitionId()).isEqualTo(101);
        assertThat(learned.knows(right)).isTrue();
        assertThat(routes.knows(right)).isFalse();
        // An older description learns nothing.
        assertThat(learned.withLearned(List.of(old)).partitions(7)).extracting(PartitionDescriptor::getPartitionId)
                .containsExactly(100L, 101L);
    }

    @Test
    void aSplitLearnedWithoutItsOtherHalfLeavesAHoleThatRoutesNowhere() {
        var table = RoutingTable.newBuilder().addRoutes(PartitionRoute.newBuilder().setPartition(PartitionDescriptor.newBuilder()
                .setPartitionId(100).setTableId(7).setEpoch(io.atolldb.proto.Epoch.newBuilder().setSplitVersion(1))));
        Routes routes = new Routes(table.build());
        PartitionDescriptor left = io.atolldb.rpc.PartitionSplits.left(routes.partitions(7).getFirst(), 1000);

        Routes learned = routes.withLearned(List.of(left));

        assertThat(learned.route(7, 5)).isPresent();
        assertThat(learned.route(7, 1000)).isEmpty();
    }

    @Test
    void aDeltaReplacesTheTablesItListsDropsTheTablesItNoLongerNamesAndKeepsTheRest() {
        Routes held = routesFor(7, 4).withDelta(RoutingTable.newBuilder().setDelta(true).setVersion(2)
                .addTableIds(7).build());
        var withTwo = new Routes(RoutingTable.newBuilder().setVersion(1)
                .addTables(TableDescriptor.newBuilder().setTableId(7).setName("t7"))
                .addTables(TableDescriptor.newBuilder().setTableId(8).setName("t8"))
                .addRoutes(PartitionRoute.newBuilder().setPartition(PartitionDescriptor.newBuilder().setPartitionId(1).setTableId(7)))
                .addRoutes(PartitionRoute.newBuilder().setPartition(PartitionDescriptor.newBuilder().setPartitionId(2).setTableId(8)))
                .build());

        Routes after = withTwo.withDelta(RoutingTable.newBuilder().setDelta(true).setVersion(3).addTableIds(7).addTableIds(9)
                .addTables(TableDescriptor.newBuilder().setTableId(9).setName("t9"))
                .addRoutes(PartitionRoute.newBuilder().setPartition(PartitionDescriptor.newBuilder().setPartitionId(3).setTableId(9)))
                .build());

        assertThat(held.partitions(7)).hasSize(4);
        assertThat(after.version()).isEqualTo(3);
        assertThat(after.table("t7")).isPresent();
        assertThat(after.partitions(7)).extracting(PartitionDescriptor::getPartitionId).containsExactly(1L);
        assertThat(after.table("t8")).isEmpty();
        assertThat(after.partitions(8)).isEmpty();
        assertThat(after.partitions(9)).extracting(PartitionDescriptor::getPartitionId).containsExactly(3L);
    }
}
