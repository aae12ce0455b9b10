package io.atolldb.metadata.catalog;

import io.atolldb.consensus.InvalidCommandException;
import io.atolldb.proto.CreateTable;
import io.atolldb.proto.CreateTableResponse;
import io.atolldb.proto.DropTable;
import io.atolldb.proto.MetadataCommand;
import io.atolldb.proto.MetadataError;
import io.atolldb.proto.NodeInfo;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.RegisterNode;
import io.atolldb.proto.SetTableStatus;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.proto.TableStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataStateMachineTest {
    @TempDir
    Path dir;

    private static byte[] createTable(String name, int partitions, long at) {
        return createTable(name, partitions, at, "");
    }

    private static byte[] createTable(String name, int partitions, long at, String requestId) {
        var table = TableDescriptor.newBuilder().setName(name).setCreationRequestId(requestId);
        for (int i = 0; i < partitions; i++) {
            table.addPartitions(PartitionDescriptor.getDefaultInstance());
        }
        return MetadataCommand.newBuilder().setTimestampMillis(at)
                .setCreateTable(CreateTable.newBuilder().setTable(table)).build().toByteArray();
    }

    @Test
    void createTableAssignsFreshTableAndPartitionIdsAndStartsCreating() throws Exception {
        var machine = new MetadataStateMachine(dir);

        var first = CreateTableResponse.parseFrom(machine.apply(1, 1, createTable("a", 2, 1000)));
        var second = CreateTableResponse.parseFrom(machine.apply(2, 1, createTable("b", 3, 2000)));

        assertThat(first.getTable().getTableId()).isEqualTo(1);
        assertThat(first.getTable().getPartitionsList()).extracting(PartitionDescriptor::getPartitionId).containsExactly(1L, 2L);
        assertThat(first.getTable().getPartitionsList()).allSatisfy(p -> assertThat(p.getTableId()).isEqualTo(1));
        assertThat(second.getTable().getTableId()).isEqualTo(2);
        assertThat(second.getTable().getPartitionsList()).extracting(PartitionDescriptor::getPartitionId).containsExactly(3L, 4L, 5L);
        assertThat(second.getTable().getStatus()).isEqualTo(TableStatus.TABLE_STATUS_CREATING);
        assertThat(second.getTable().getCreationTimeMillis()).isEqualTo(2000);
    }

    @Test
    void aSecondTableWithTheSameNameIsRefusedInApply() throws Exception {
        var machine = new MetadataStateMachine(dir);
        machine.apply(1, 1, createTable("a", 1, 0));

        var again = CreateTableResponse.parseFrom(machine.apply(2, 1, createTable("a", 1, 0)));

        assertThat(again.getError().getCode()).isEqualTo(MetadataError.Code.TABLE_IN_USE);
        assertThat(machine.catalog().tables()).hasSize(1);
        assertThat(machine.lastAppliedIndex()).isEqualTo(2);
    }

    @Test
    void aRetryOfTheCallThatCreatedTheTableGetsThatTableAndAnyOtherCallIsRefused() throws Exception {
        var machine = new MetadataStateMachine(dir);
        var created = CreateTableResponse.parseFrom(machine.apply(1, 1, createTable("a", 1, 0, "call-1")));

        var retry = CreateTableResponse.parseFrom(machine.apply(2, 1, createTable("a", 1, 0, "call-1")));
        var other = CreateTableResponse.parseFrom(machine.apply(3, 1, createTable("a", 1, 0, "call-2")));

        assertThat(retry.hasError()).isFalse();
        assertThat(retry.getTable()).isEqualTo(created.getTable());
        assertThat(other.getError().getCode()).isEqualTo(MetadataError.Code.TABLE_IN_USE);
        assertThat(machine.catalog().tables()).hasSize(1);
    }

    @Test
    void idsAreNeverReusedAfterATableIsDropped() throws Exception {
        var machine = new MetadataStateMachine(dir);
        machine.apply(1, 1, createTable("a", 1, 0));
        machine.apply(2, 1, MetadataCommand.newBuilder().setDropTable(DropTable.newBuilder().setTableId(1)).build().toByteArray());

        var recreated = CreateTableResponse.parseFrom(machine.apply(3, 1, createTable("a", 1, 0)));

        assertThat(recreated.getTable().getTableId()).isEqualTo(2);
        assertThat(recreated.getTable().getPartitions(0).getPartitionId()).isEqualTo(2);
    }

    @Test
    void theCatalogAndAppliedIndexSurviveARestart() throws Exception {
        var machine = new MetadataStateMachine(dir);
        machine.apply(1, 1, MetadataCommand.newBuilder().setRegisterNode(RegisterNode.newBuilder()
                .setNode(NodeInfo.newBuilder().setNodeId("n1").setZone("a"))).build().toByteArray());
        machine.apply(2, 1, createTable("t", 2, 0));
        machine.apply(3, 2, MetadataCommand.newBuilder().setSetTableStatus(SetTableStatus.newBuilder()
                .setTableId(1).setStatus(TableStatus.TABLE_STATUS_ACTIVE)).build().toByteArray());
        machine.close();

        var reopened = new MetadataStateMachine(dir);

        assertThat(reopened.lastAppliedIndex()).isEqualTo(3);
        assertThat(reopened.catalog().nodes()).containsKey("n1");
        assertThat(reopened.catalog().table("t")).hasValueSatisfying(t ->
                assertThat(t.getStatus()).isEqualTo(TableStatus.TABLE_STATUS_ACTIVE));
        assertThat(reopened.catalog().nextPartitionId()).isEqualTo(3);
    }

    @Test
    void aSnapshotInstalledOnAnotherReplicaReproducesTheCatalog() throws Exception {
        var leader = new MetadataStateMachine(dir.resolve("leader"));
        leader.apply(1, 1, createTable("t", 2, 0));
        Path snapshot = Files.createDirectories(dir.resolve("snapshot"));
        var mark = leader.writeSnapshot(snapshot);

        var follower = new MetadataStateMachine(dir.resolve("follower"));
        follower.installSnapshot(snapshot, mark);

        assertThat(mark.index()).isEqualTo(1);
        assertThat(follower.lastAppliedIndex()).isEqualTo(1);
        assertThat(follower.catalog().tables()).isEqualTo(leader.catalog().tables());
    }

    @Test
    void aCommandWithoutAKindIsRejectedBeforeTheLog() {
        var machine = new MetadataStateMachine(dir);

        assertThatThrownBy(() -> machine.validate(MetadataCommand.getDefaultInstance().toByteArray()))
                .isInstanceOf(InvalidCommandException.class);
    }
}
