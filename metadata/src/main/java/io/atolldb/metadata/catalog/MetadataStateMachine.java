package io.atolldb.metadata.catalog;

import com.google.protobuf.InvalidProtocolBufferException;
import io.atolldb.consensus.InvalidCommandException;
import io.atolldb.consensus.ReplicatedStateMachine;
import io.atolldb.proto.AlterTableResponse;
import io.atolldb.proto.CreateTableResponse;
import io.atolldb.proto.DescribeTableResponse;
import io.atolldb.proto.MetadataCommand;
import io.atolldb.proto.MetadataError;
import io.atolldb.proto.MetadataState;
import io.atolldb.proto.TableDescriptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;

/**
 * The metadata group's state machine: applies {@link MetadataCommand}s to the {@link Catalog}.
 *
 * <p>Durability: metadata changes are rare (a node registers, a table is created or deleted), so after
 * every applied command the whole catalog, with the applied index, is written to {@code state.pb}
 * (write to a temporary file, fsync, atomic rename). The applied index therefore never runs ahead of
 * the state on disk, and a restart resumes exactly where the file ends; the consensus layer replays
 * the rest of the log. Snapshots are copies of the same file.
 *
 * <p>Apply is deterministic: ids come from the catalog's counters, times from the command.
 */
public final class MetadataStateMachine implements ReplicatedStateMachine {
    private static final String STATE_FILE = "state.pb";

    private final Path stateFile;
    private volatile Catalog catalog;

    public MetadataStateMachine(Path directory) {
        try {
            Files.createDirectories(directory);
            this.stateFile = directory.resolve(STATE_FILE);
            this.catalog = Files.exists(stateFile) ? read(stateFile) : Catalog.EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open metadata state in " + directory, e);
        }
    }

    /** The catalog as of the last applied command. */
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public long lastAppliedIndex() {
        return catalog.appliedIndex();
    }

    @Override
    public void validate(byte[] command) throws InvalidCommandException {
        try {
            if (MetadataCommand.parseFrom(command).getKindCase() == MetadataCommand.KindCase.KIND_NOT_SET) {
                throw new InvalidCommandException("metadata command without a kind");
            }
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidCommandException("unreadable metadata command: " + e.getMessage());
        }
    }

    @Override
    public byte[] apply(long index, long term, byte[] bytes) {
        MetadataCommand command;
        try {
            command = MetadataCommand.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            persist(catalog.appliedAt(index, term));
            return new byte[0];
        }
        Catalog before = catalog;
        byte[] reply = new byte[0];
        Catalog after = before;
        switch (command.getKindCase()) {
            case REGISTER_NODE -> after = before.withNode(command.getRegisterNode().getNode());
            case CREATE_TABLE -> {
                TableDescriptor wanted = command.getCreateTable().getTable();
                var existing = before.table(wanted.getName());
                if (existing.isPresent()) {
                    reply = (Catalog.isRetryOfItsCreation(existing.get(), wanted)
                            ? CreateTableResponse.newBuilder().setTable(existing.get())
                            : CreateTableResponse.newBuilder().setError(error(MetadataError.Code.TABLE_IN_USE,
                                    "Table already exists: " + wanted.getName()))).build().toByteArray();
                } else {
                    after = before.withNewTable(wanted, command.getTimestampMillis());
                    reply = CreateTableResponse.newBuilder().setTable(after.table(wanted.getName()).orElseThrow().toBuilder().setChangedAt(index))
                            .build().toByteArray();
                }
            }
            case SET_TABLE_STATUS -> {
                var change = command.getSetTableStatus();
                var table = before.tableById(change.getTableId());
                if (table.isPresent()) {
                    var updated = table.get().toBuilder().setStatus(change.getStatus()).build();
                    after = before.withTable(updated);
                    reply = DescribeTableResponse.newBuilder().setTable(updated.toBuilder().setChangedAt(index)).build().toByteArray();
                } else {
                    reply = DescribeTableResponse.newBuilder().setError(error(MetadataError.Code.TABLE_NOT_FOUND,
                            "no table with id " + change.getTableId())).build().toByteArray();
                }
            }
            case DROP_TABLE -> after = before.tableById(command.getDropTable().getTableId())
                    .map(t -> before.withoutTable(t.getName())).orElse(before);
            case ALTER_TABLE -> {
                var table = before.tableById(command.getAlterTable().getTableId());
                if (table.isPresent()) {
                    var altered = TableChanges.apply(table.get(), command.getAlterTable().getChange());
                    after = before.withTable(altered);
                    reply = AlterTableResponse.newBuilder().setTable(altered.toBuilder().setChangedAt(index)).build().toByteArray();
                } else {
                    reply = AlterTableResponse.newBuilder().setError(error(MetadataError.Code.TABLE_NOT_FOUND,
                            "no table with id " + command.getAlterTable().getTableId())).build().toByteArray();
                }
            }
            case START_OPERATION -> {
                var started = Operations.start(before, command.getStartOperation().getOperation(), command.getTimestampMillis());
                after = started.catalog();
                reply = started.reply().toByteArray();
            }
            case FINISH_SPLIT -> after = Operations.finishSplit(before, command.getFinishSplit().getOperationId(),
                    command.getTimestampMillis());
            case END_OPERATION -> after = Operations.end(before, command.getEndOperation().getOperationId(),
                    command.getEndOperation().getOutcome(), command.getTimestampMillis());
            case FINISH_MOVE -> after = Operations.finishMove(before, command.getFinishMove().getOperationId(),
                    command.getTimestampMillis());
            case SET_DRAINING -> after = before.withDraining(command.getSetDraining().getNodeId(),
                    command.getSetDraining().getDraining());
            case KIND_NOT_SET -> { }
        }
        persist(stampChanges(before, after, index).appliedAt(index, term));
        return reply;
    }

    /** Marks every table this entry changed with its index, so routers can fetch just those (GetRoutingTable deltas). */
    private static Catalog stampChanges(Catalog before, Catalog after, long index) {
        if (before.tables() == after.tables()) {
            return after;
        }
        Catalog stamped = after;
        for (TableDescriptor table : after.tables().values()) {
            TableDescriptor old = before.tables().get(table.getName());
            if (old == null || !old.equals(table.toBuilder().setChangedAt(old.getChangedAt()).build())) {
                stamped = stamped.withTable(table.toBuilder().setChangedAt(index).build());
            }
        }
        return stamped;
    }

    @Override
    public byte[] query(byte[] query) {
        return catalog.toProto().toByteArray();
    }

    @Override
    public SnapshotMark writeSnapshot(Path dir) throws IOException {
        Catalog current = catalog;
        write(dir.resolve(STATE_FILE), current.toProto());
        return new SnapshotMark(current.appliedTerm(), current.appliedIndex());
    }

    @Override
    public void installSnapshot(Path dir, SnapshotMark mark) throws IOException {
        Catalog installed = read(dir.resolve(STATE_FILE)).appliedAt(mark.index(), mark.term());
        persist(installed);
    }

    @Override
    public void close() {
    }

    private void persist(Catalog next) {
        try {
            write(stateFile, next.toProto());
        } catch (IOException e) {
            // The catalog on disk must never fall behind what was applied: stop rather than go on.
            throw new UncheckedIOException("cannot persist the metadata state", e);
        }
        catalog = next;
    }

    private static void write(Path file, MetadataState state) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(state.toByteArray()));
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Catalog read(Path file) throws IOException {
        return Catalog.fromProto(MetadataState.parseFrom(Files.readAllBytes(file)));
    }

    static MetadataError error(MetadataError.Code code, String message) {
        return MetadataError.newBuilder().setCode(code).setMessage(message).build();
    }
}
