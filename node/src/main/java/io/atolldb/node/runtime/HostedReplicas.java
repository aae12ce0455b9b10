package io.atolldb.node.runtime;

import io.atolldb.consensus.ReplicatedStateMachine;
import io.atolldb.consensus.StateMachineFactory;
import io.atolldb.model.TokenRange;
import io.atolldb.node.partition.PartitionStateMachine;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.PartitionStore;
import io.atolldb.node.storage.StorageEngine;
import io.atolldb.proto.PartitionDescriptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The partition replicas this node hosts, and the factory that gives the consensus server their state
 * machines.
 *
 * <p>Each replica's descriptor is written to {@code <dir>/<partition id>.pb} before its Raft group is
 * added, so that after a restart, when the consensus server re-opens every group it finds on disk
 * and asks for its state machine, the descriptor (table, token range) is there to build it from.
 */
public final class HostedReplicas implements StateMachineFactory {
    /** One hosted replica: its id and the state machine applying its log. */
    public record Hosted(long partitionId, PartitionStateMachine stateMachine) {
        /** The partition as this replica applied it: range and split version change with splits. */
        public PartitionDescriptor descriptor() {
            return stateMachine.descriptor();
        }

        public PartitionStore store() {
            return stateMachine.store();
        }
    }

    private final StorageEngine engine;
    private final Path descriptorDir;
    private final ConcurrentMap<Long, Hosted> replicas = new ConcurrentHashMap<>();
    private volatile PartitionStateMachine.SplitListener splitListener = PartitionStateMachine.SplitListener.NONE;
    private volatile AppliedWrites appliedWrites = (partitionId, timestampMillis) -> { };

    /** Told, on a replica's applying thread, of each item write it applied; must not block. */
    @FunctionalInterface
    public interface AppliedWrites {
        void applied(long partitionId, long proposedAtMillis);
    }

    public HostedReplicas(StorageEngine engine, Path descriptorDir) throws IOException {
        this.engine = engine;
        this.descriptorDir = Files.createDirectories(descriptorDir);
    }

    /** Who is told when a hosted replica applies a split (the node, which opens the new partition's group). */
    public void onSplit(PartitionStateMachine.SplitListener listener) {
        this.splitListener = listener;
    }

    /** Who is told of every item write a hosted replica applies (the node's replica-lag metric). */
    public void onAppliedWrite(AppliedWrites observer) {
        this.appliedWrites = observer;
    }

    @Override
    public ReplicatedStateMachine create(UUID groupId) {
        long partitionId = PartitionGroups.partitionId(groupId)
                .orElseThrow(() -> new IllegalStateException("not a partition group: " + groupId));
        PartitionDescriptor descriptor = readDescriptor(partitionId)
                .orElseThrow(() -> new IllegalStateException("no descriptor stored for partition " + partitionId));
        TokenRange range = new TokenRange(descriptor.getTokenStart(), descriptor.getTokenEnd());
        PartitionStore store = engine.partition(new PartitionBounds(partitionId, descriptor.getTableId(), range));
        var stateMachine = new PartitionStateMachine(store, descriptor, (left, right) -> splitListener.split(left, right),
                proposedAt -> appliedWrites.applied(partitionId, proposedAt));
        replicas.put(partitionId, new Hosted(partitionId, stateMachine));
        return stateMachine;
    }

    /**
     * The descriptor a split applied on this node stored for {@code partitionId}: present exactly when this
     * node holds the partition's data from the split (its parent's replica here applied it).
     */
    public Optional<PartitionDescriptor> storedBySplit(PartitionDescriptor partition) {
        TokenRange range = new TokenRange(partition.getTokenStart(), partition.getTokenEnd());
        return PartitionStateMachine.storedDescriptor(engine.partition(
                new PartitionBounds(partition.getPartitionId(), partition.getTableId(), range)));
    }

    /** A hosted replica of the same table whose range, as applied here, overlaps {@code partition}'s. */
    public Optional<Hosted> overlapping(PartitionDescriptor partition) {
        TokenRange range = new TokenRange(partition.getTokenStart(), partition.getTokenEnd());
        return replicas.values().stream()
                .filter(h -> h.partitionId() != partition.getPartitionId())
                .filter(h -> h.descriptor().getTableId() == partition.getTableId())
                .filter(h -> new TokenRange(h.descriptor().getTokenStart(), h.descriptor().getTokenEnd()).overlaps(range))
                .findFirst();
    }

    public Optional<Hosted> get(long partitionId) {
        return Optional.ofNullable(replicas.get(partitionId));
    }

    public Collection<Hosted> all() {
        return replicas.values();
    }

    /** Stores the descriptor of a replica about to be opened. */
    public void persistDescriptor(PartitionDescriptor descriptor) {
        Path file = descriptorFile(descriptor.getPartitionId());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, descriptor.toByteArray());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the descriptor of partition " + descriptor.getPartitionId(), e);
        }
    }

    /** Forgets a replica whose Raft group was removed; with {@code deleteData} its items go too. */
    public void forget(long partitionId, boolean deleteData) {
        Hosted hosted = replicas.remove(partitionId);
        if (deleteData) {
            if (hosted != null) {
                hosted.store().destroy();
            }
            try {
                Files.deleteIfExists(descriptorFile(partitionId));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Optional<PartitionDescriptor> readDescriptor(long partitionId) {
        Path file = descriptorFile(partitionId);
        try {
            return Files.exists(file) ? Optional.of(PartitionDescriptor.parseFrom(Files.readAllBytes(file))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the descriptor of partition " + partitionId, e);
        }
    }

    private Path descriptorFile(long partitionId) {
        return descriptorDir.resolve(Long.toUnsignedString(partitionId) + ".pb");
    }
}
