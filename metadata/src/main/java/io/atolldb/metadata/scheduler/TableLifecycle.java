package io.atolldb.metadata.scheduler;

import io.atolldb.metadata.group.ClusterView;
import io.atolldb.metadata.group.MetadataGroup;
import io.atolldb.proto.DropTable;
import io.atolldb.proto.MetadataCommand;
import io.atolldb.proto.SetTableStatus;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.proto.TableStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Moves tables through their states on the metadata leader, from what storage nodes report:
 * <ul>
 *   <li>CREATING -> ACTIVE once every partition has a leader (its Raft group is up and can take writes);</li>
 *   <li>DELETING -> gone once no live node hosts a replica of any of its partitions.</li>
 * </ul>
 * Runs periodically on every metadata replica; does nothing unless this replica leads.
 */
public final class TableLifecycle implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TableLifecycle.class);

    private final MetadataGroup group;
    private final ClusterView cluster;
    private final Clock clock;

    public TableLifecycle(MetadataGroup group, ClusterView cluster, Clock clock) {
        this.group = group;
        this.cluster = cluster;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            if (!group.isLeader()) {
                return;
            }
            for (TableDescriptor table : group.catalog().tables().values()) {
                if (table.getStatus() == TableStatus.TABLE_STATUS_CREATING && everyPartitionHasALeader(table)) {
                    propose(MetadataCommand.newBuilder().setSetTableStatus(SetTableStatus.newBuilder()
                            .setTableId(table.getTableId()).setStatus(TableStatus.TABLE_STATUS_ACTIVE)));
                    LOG.info("table {} is ACTIVE", table.getName());
                } else if (table.getStatus() == TableStatus.TABLE_STATUS_DELETING && noReplicaLeft(table)) {
                    propose(MetadataCommand.newBuilder().setDropTable(DropTable.newBuilder().setTableId(table.getTableId())));
                    LOG.info("table {} is deleted", table.getName());
                }
            }
        } catch (MetadataGroup.ProposalFailed e) {
            LOG.debug("table lifecycle step did not apply: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("table lifecycle step failed", e);
        }
    }

    private boolean everyPartitionHasALeader(TableDescriptor table) {
        return table.getPartitionsList().stream().allMatch(p -> cluster.leaderOf(p.getPartitionId()).isPresent());
    }

    private boolean noReplicaLeft(TableDescriptor table) {
        return table.getPartitionsList().stream().noneMatch(p -> cluster.isHostedAnywhere(p.getPartitionId()));
    }

    private void propose(MetadataCommand.Builder command) throws MetadataGroup.ProposalFailed {
        group.propose(command.setTimestampMillis(clock.millis()).build());
    }
}
