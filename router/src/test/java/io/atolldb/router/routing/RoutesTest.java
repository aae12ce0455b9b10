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
}
