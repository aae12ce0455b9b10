package io.atolldb.router.routing;

import io.atolldb.model.TokenRange;
import io.atolldb.proto.Epoch;
import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.PartitionRoute;
import io.atolldb.proto.Replica;
import io.atolldb.proto.RoutingTable;
import io.atolldb.proto.TableDescriptor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a router's once-a-second refresh costs with 1,000 partitions (docs/performance.md, "Routing table
 * refresh"): the bytes of the answer and the CPU to parse it and build the routes, for the whole table and
 * for a delta in which one table changed. Not part of the default test run:
 * {@code mvn -B -pl router -am verify -Dtest=RoutingRefreshCostTest -Dsurefire.failIfNoSpecifiedTests=false -Datoll.excludedGroups=}
 */
@Tag("measurement")
class RoutingRefreshCostTest {
    private static final int TABLES = 20;
    private static final int PARTITIONS_PER_TABLE = 50;
    private static final int ROUNDS = 2_000;

    @Test
    void aDeltaRefreshCostsAFractionOfAWholeOne() throws Exception {
        RoutingTable whole = table(false);
        RoutingTable delta = table(true);
        byte[] wholeBytes = whole.toByteArray();
        byte[] deltaBytes = delta.toByteArray();
        Routes held = new Routes(whole);

        double wholeMicros = micros(() -> new Routes(RoutingTable.parseFrom(wholeBytes)));
        double deltaMicros = micros(() -> held.withDelta(RoutingTable.parseFrom(deltaBytes)));

        assertThat(held.withDelta(delta).partitions(7)).hasSize(PARTITIONS_PER_TABLE);
        assertThat(deltaBytes.length).isLessThan(wholeBytes.length / 10);
        System.out.printf(Locale.ROOT, "refresh: %d partitions; whole table %,d bytes, %.0f us to parse and build; "
                        + "delta with one changed table %,d bytes, %.0f us%n", TABLES * PARTITIONS_PER_TABLE,
                wholeBytes.length, wholeMicros, deltaBytes.length, deltaMicros);
    }

    @FunctionalInterface
    private interface Refresh {
        Object run() throws Exception;
    }

    /** Mean microseconds per refresh over {@value #ROUNDS} rounds, after as many to warm up. */
    private static double micros(Refresh refresh) throws Exception {
        Object sink = null;
        for (int i = 0; i < ROUNDS; i++) {
            sink = refresh.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            sink = refresh.run();
        }
        assertThat(sink).isNotNull();
        return (System.nanoTime() - start) / 1e3 / ROUNDS;
    }

    /** 20 tables of 50 partitions on nine nodes; with {@code delta}, only table 7 changed. */
    private static RoutingTable table(boolean delta) {
        var table = RoutingTable.newBuilder().setVersion(delta ? 101 : 100).setDelta(delta);
        for (int n = 0; n < 9; n++) {
            table.addNodes(NodeInfo.newBuilder().setNodeId("node-" + n).setZone("zone-" + n % 3)
                    .setRpcAddress("10.0.0." + n + ":7200").setRaftAddress("10.0.0." + n + ":7201"));
        }
        List<TokenRange> ranges = TokenRange.evenSplit(PARTITIONS_PER_TABLE);
        for (int t = 1; t <= TABLES; t++) {
            table.addTableIds(t);
            if (delta && t != 7) {
                continue;
            }
            table.addTables(TableDescriptor.newBuilder().setTableId(t).setName("table-" + t).setChangedAt(delta ? 101 : t));
            for (int p = 0; p < PARTITIONS_PER_TABLE; p++) {
                var partition = PartitionDescriptor.newBuilder().setPartitionId(t * 1000L + p).setTableId(t)
                        .setTokenStart(ranges.get(p).start()).setTokenEnd(ranges.get(p).end())
                        .setEpoch(Epoch.newBuilder().setConfVersion(1).setSplitVersion(1));
                for (int r = 0; r < 3; r++) {
                    partition.addReplicas(Replica.newBuilder().setNodeId("node-" + ((p + r * 3) % 9)).setZone("zone-" + r));
                }
                table.addRoutes(PartitionRoute.newBuilder().setPartition(partition).setLeaderNodeId("node-" + p % 9));
            }
        }
        if (!delta) {
            table.clearTableIds();
        }
        return table.build();
    }
}
