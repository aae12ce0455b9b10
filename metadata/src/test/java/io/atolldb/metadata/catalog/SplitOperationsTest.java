package io.atolldb.metadata.catalog;

import io.atolldb.proto.BillingMode;
import io.atolldb.proto.CreateTable;
import io.atolldb.proto.EndOperation;
import io.atolldb.proto.Epoch;
import io.atolldb.proto.FinishSplit;
import io.atolldb.proto.MetadataCommand;
import io.atolldb.proto.Operation;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.Replica;
import io.atolldb.proto.ReplicaReport;
import io.atolldb.proto.SplitOperation;
import io.atolldb.proto.SplitPartitionResponse;
import io.atolldb.proto.StartOperation;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.rpc.PartitionSplits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's side of a split: an operation is recorded before any node splits, the child's id is
 * assigned then and never reused, the halves enter the catalog exactly as the nodes compute them, a split
 * whose partition changed fails, and a node keeps a split's child while the split runs.
 */
class SplitOperationsTest {
    @TempDir
    Path dir;
    private long index;

    @Test
    void aSplitIsRecordedRunningWithAFreshChildIdThenTheCatalogTakesBothHalves() throws Exception {
        var machine = new MetadataStateMachine(dir);
        TableDescriptor table = createTable(machine);
        PartitionDescriptor parent = table.getPartitions(0);
        long token = 1L << 40;

        Operation started = start(machine, parent, token, 1).getOperation();

        assertThat(started.getState()).isEqualTo(Operation.State.RUNNING);
        assertThat(started.getSplit().getChildPartitionId()).isEqualTo(2); // the table took id 1
        assertThat(started.getStartedMillis()).isEqualTo(1000 + index);
        assertThat(machine.catalog().nextPartitionId()).isEqualTo(3);

        apply(machine, MetadataCommand.newBuilder().setFinishSplit(FinishSplit.newBuilder().setOperationId(started.getOperationId())));

        TableDescriptor after = machine.catalog().table("t").orElseThrow();
        assertThat(after.getPartitionsList()).containsExactly(PartitionSplits.left(parent, token),
                PartitionSplits.right(parent, token, 2));
        assertThat(after.getPartitions(1).getReplicasList()).isEqualTo(parent.getReplicasList());
        assertThat(machine.catalog().operation(started.getOperationId()).orElseThrow().getState()).isEqualTo(Operation.State.DONE);
        assertThat(machine.catalog().running()).isEmpty();
    }

    @Test
    void aSecondOperationOnABusyPartitionAndASplitOutsideItsRangeAreRefused() throws Exception {
        var machine = new MetadataStateMachine(dir);
        PartitionDescriptor parent = createTable(machine).getPartitions(0);
        start(machine, parent, 1L << 40, 1);

        assertThat(start(machine, parent, 1L << 41, 1).getError().getMessage()).contains("has an operation running");
        var other = new MetadataStateMachine(dir.resolve("other"));
        PartitionDescriptor whole = createTable(other).getPartitions(0);
        assertThat(start(other, whole, 0, 1).getError().getMessage()).contains("does not split");
        assertThat(start(other, whole, 5, 7).getError().getMessage()).contains("split version 1, not 7");
    }

    @Test
    void aSplitWhosePartitionChangedFailsAndAFailedOneLeavesThePartitionAlone() throws Exception {
        var machine = new MetadataStateMachine(dir);
        PartitionDescriptor parent = createTable(machine).getPartitions(0);
        Operation first = start(machine, parent, 1L << 40, 1).getOperation();
        apply(machine, MetadataCommand.newBuilder().setEndOperation(EndOperation.newBuilder()
                .setOperationId(first.getOperationId()).setOutcome("refused by the partition")));

        assertThat(machine.catalog().operation(first.getOperationId()).orElseThrow().getState()).isEqualTo(Operation.State.FAILED);
        assertThat(machine.catalog().table("t").orElseThrow().getPartitionsList()).containsExactly(parent);
        // Finishing it now changes nothing: it ended.
        apply(machine, MetadataCommand.newBuilder().setFinishSplit(FinishSplit.newBuilder().setOperationId(first.getOperationId())));
        assertThat(machine.catalog().table("t").orElseThrow().getPartitionsList()).containsExactly(parent);
    }

    @Test
    void theCatalogKeepsTheLastHundredEndedOperationsAndEveryRunningOne() throws Exception {
        var machine = new MetadataStateMachine(dir);
        PartitionDescriptor parent = createTable(machine).getPartitions(0);
        for (int i = 0; i < Catalog.HISTORY + 5; i++) {
            Operation op = start(machine, parent, 1L << 40, 1).getOperation();
            apply(machine, MetadataCommand.newBuilder().setEndOperation(EndOperation.newBuilder().setOperationId(op.getOperationId())));
        }
        Operation running = start(machine, parent, 1L << 40, 1).getOperation();

        assertThat(machine.catalog().operations()).hasSize(Catalog.HISTORY + 1);
        assertThat(machine.catalog().running()).containsExactly(running);
        assertThat(new MetadataStateMachine(dir).catalog().operations()).isEqualTo(machine.catalog().operations());
    }

    @Test
    void aNodeKeepsTheChildOfARunningSplitThatTheCatalogDoesNotListYet() throws Exception {
        var machine = new MetadataStateMachine(dir);
        PartitionDescriptor parent = createTable(machine).getPartitions(0);
        Operation op = start(machine, parent, 1L << 40, 1).getOperation();
        long child = op.getSplit().getChildPartitionId();
        List<ReplicaReport> reported = List.of(ReplicaReport.newBuilder().setPartitionId(parent.getPartitionId()).build(),
                ReplicaReport.newBuilder().setPartitionId(child).build(),
                ReplicaReport.newBuilder().setPartitionId(99).build());

        var answer = Assignments.forNode(machine.catalog(), "n1", reported);

        assertThat(answer.getAssignmentsList()).extracting(a -> a.getPartition().getPartitionId()).containsExactly(parent.getPartitionId());
        assertThat(answer.getRemovePartitionIdsList()).containsExactly(99L);
    }

    @Test
    void aNewTableStartsWithThePartitionsItsThroughputNeedsOrTheConfiguredCount() {
        var onDemand = TableDescriptor.newBuilder().setBillingMode(BillingMode.BILLING_MODE_PAY_PER_REQUEST).build();
        var provisioned = TableDescriptor.newBuilder().setBillingMode(BillingMode.BILLING_MODE_PROVISIONED);
        assertThat(TableRules.initialPartitions(onDemand, 0)).isEqualTo(1);
        assertThat(TableRules.initialPartitions(provisioned.setReadCapacityUnits(5).setWriteCapacityUnits(5).build(), 0)).isEqualTo(1);
        // 6,000 reads need two partitions, 2,500 writes three: 2 + 2.5 -> 5.
        assertThat(TableRules.initialPartitions(provisioned.setReadCapacityUnits(6_000).setWriteCapacityUnits(2_500).build(), 0))
                .isEqualTo(5);
        assertThat(TableRules.initialPartitions(onDemand, 4)).isEqualTo(4);
    }

    // ---- helpers ----

    private TableDescriptor createTable(MetadataStateMachine machine) throws Exception {
        var partition = PartitionDescriptor.newBuilder().setTokenStart(0).setTokenEnd(0)
                .setEpoch(Epoch.newBuilder().setConfVersion(1).setSplitVersion(1))
                .addReplicas(Replica.newBuilder().setNodeId("n1").setZone("a"))
                .addReplicas(Replica.newBuilder().setNodeId("n2").setZone("b"))
                .addReplicas(Replica.newBuilder().setNodeId("n3").setZone("c"));
        apply(machine, MetadataCommand.newBuilder().setCreateTable(CreateTable.newBuilder()
                .setTable(TableDescriptor.newBuilder().setName("t").addPartitions(partition))));
        return machine.catalog().table("t").orElseThrow();
    }

    private SplitPartitionResponse start(MetadataStateMachine machine, PartitionDescriptor parent, long token, long version)
            throws Exception {
        byte[] reply = apply(machine, MetadataCommand.newBuilder().setStartOperation(StartOperation.newBuilder()
                .setOperation(Operation.newBuilder().setReason("test").setSplit(SplitOperation.newBuilder()
                        .setPartitionId(parent.getPartitionId()).setSplitToken(token).setSplitVersion(version)))));
        return SplitPartitionResponse.parseFrom(reply);
    }

    private byte[] apply(MetadataStateMachine machine, MetadataCommand.Builder command) {
        index++;
        return machine.apply(index, 1, command.setTimestampMillis(1000 + index).build().toByteArray());
    }
}
