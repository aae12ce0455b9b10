package io.atolldb.node.storage;

import static io.atolldb.node.storage.StorageFixtures.contents;
import static io.atolldb.node.storage.StorageFixtures.entry;
import static io.atolldb.node.storage.StorageFixtures.itemKey;
import static io.atolldb.node.storage.StorageFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atolldb.model.TokenRange;

/** Export and import of a partition's state as an SST file, between two nodes' engines. */
class PartitionSnapshotTest {
    private static final long TABLE = 11;
    private static final long START = 1000;
    private static final PartitionBounds BOUNDS = new PartitionBounds(5, TABLE, new TokenRange(START, 2000));
    private static final PartitionBounds NEIGHBOUR = new PartitionBounds(6, TABLE, new TokenRange(2000, 3000));

    @TempDir
    Path dir;
    private StorageEngine source;
    private StorageEngine target;

    @BeforeEach
    void openEngines() {
        // Neither flushes on close: whatever survives a reopen was made durable on purpose.
        source = StorageEngine.open(dir.resolve("source"), StorageSettings.defaults().withFlushOnClose(false));
        target = StorageEngine.open(dir.resolve("target"), StorageSettings.defaults().withFlushOnClose(false));
    }

    @AfterEach
    void closeEngines() {
        source.close();
        target.close();
    }

    @Test
    void aSnapshotImportedOnAnotherNodeHoldsTheSameItemsAndPosition() throws IOException {
        PartitionStore original = source.partition(BOUNDS);
        original.apply(1, 1, List.of(new Mutation.Put(itemKey(TABLE, START, "a"), utf8("a"))));
        original.apply(2, 1, List.of(new Mutation.Put(itemKey(TABLE, 1999, "z"), utf8("z")),
                new Mutation.Put(itemKey(TABLE, 1500, "m"), new byte[0])));
        original.apply(3, 2, List.of(new Mutation.Delete(itemKey(TABLE, START, "a"))));
        source.partition(NEIGHBOUR).apply(1, 1, List.of(new Mutation.Put(itemKey(TABLE, 2000, "n"), utf8("n"))));
        Path file = dir.resolve("snapshot.sst");

        AppliedPosition exported = original.exportSnapshot(file);
        AppliedPosition imported = target.partition(BOUNDS).importSnapshot(file);

        assertThat(exported).isEqualTo(new AppliedPosition(3, 2));
        assertThat(imported).isEqualTo(exported);
        PartitionStore copy = target.partition(BOUNDS);
        assertThat(copy.appliedPosition()).isEqualTo(exported);
        assertThat(contents(copy)).isEqualTo(contents(original)).hasSize(2);
        assertThat(contents(target.partition(NEIGHBOUR))).isEmpty();
    }

    @Test
    void anEmptyPartitionRoundTrips() throws IOException {
        Path file = dir.resolve("empty.sst");
        PartitionStore replaced = target.partition(BOUNDS);
        replaced.apply(4, 1, List.of(new Mutation.Put(itemKey(TABLE, START, "old"), utf8("old"))));

        AppliedPosition exported = source.partition(BOUNDS).exportSnapshot(file);
        AppliedPosition imported = replaced.importSnapshot(file);

        assertThat(exported).isEqualTo(AppliedPosition.NONE);
        assertThat(imported).isEqualTo(AppliedPosition.NONE);
        assertThat(replaced.appliedPosition()).isEqualTo(AppliedPosition.NONE);
        assertThat(contents(replaced)).isEmpty();
    }

    @Test
    void anAppliedPartitionWithoutItemsRoundTrips() throws IOException {
        PartitionStore original = source.partition(BOUNDS);
        original.apply(1, 1, List.of(new Mutation.Put(itemKey(TABLE, START, "a"), utf8("a"))));
        original.apply(2, 1, List.of(new Mutation.Delete(itemKey(TABLE, START, "a"))));
        Path file = dir.resolve("no-items.sst");

        original.exportSnapshot(file);
        target.partition(BOUNDS).importSnapshot(file);

        assertThat(target.partition(BOUNDS).appliedPosition()).isEqualTo(new AppliedPosition(2, 1));
        assertThat(contents(target.partition(BOUNDS))).isEmpty();
    }

    @Test
    void importReplacesEverythingThePartitionHeldBefore() throws IOException {
        byte[] shared = itemKey(TABLE, 1200, "shared");
        source.partition(BOUNDS).apply(3, 1, List.of(new Mutation.Put(shared, utf8("from snapshot"))));
        PartitionStore replaced = target.partition(BOUNDS);
        replaced.apply(8, 2, List.of(new Mutation.Put(shared, utf8("stale")),
                new Mutation.Put(itemKey(TABLE, 1300, "gone"), utf8("gone"))));
        target.partition(NEIGHBOUR).apply(5, 1, List.of(new Mutation.Put(itemKey(TABLE, 2500, "n"), utf8("n"))));
        Path file = dir.resolve("snapshot.sst");

        source.partition(BOUNDS).exportSnapshot(file);
        replaced.importSnapshot(file);

        assertThat(replaced.appliedPosition()).isEqualTo(new AppliedPosition(3, 1));
        assertThat(contents(replaced)).containsExactly(entry(shared, "from snapshot"));
        assertThat(contents(target.partition(NEIGHBOUR))).containsExactly(entry(itemKey(TABLE, 2500, "n"), "n"));
        assertThat(target.partition(NEIGHBOUR).appliedIndex()).isEqualTo(5);
    }

    @Test
    void theExportedPositionIsDurableOnTheExportingNode() throws IOException {
        PartitionStore original = source.partition(BOUNDS);
        original.apply(1, 1, List.of(new Mutation.Put(itemKey(TABLE, START, "a"), utf8("a"))));
        original.apply(2, 1, List.of(new Mutation.Put(itemKey(TABLE, START, "b"), utf8("b"))));

        AppliedPosition exported = original.exportSnapshot(dir.resolve("snapshot.sst"));
        source.close();
        source = StorageEngine.open(dir.resolve("source"));

        assertThat(source.partition(BOUNDS).appliedPosition()).isEqualTo(exported);
        assertThat(contents(source.partition(BOUNDS))).hasSize(2);
    }

    @Test
    void anImportedSnapshotIsDurable() throws IOException {
        byte[] key = itemKey(TABLE, START, "a");
        source.partition(BOUNDS).apply(6, 2, List.of(new Mutation.Put(key, utf8("a"))));
        Path file = dir.resolve("snapshot.sst");
        source.partition(BOUNDS).exportSnapshot(file);
        target.partition(BOUNDS).apply(9, 3, List.of(new Mutation.Put(itemKey(TABLE, 1100, "old"), utf8("old"))));
        target.flush();

        target.partition(BOUNDS).importSnapshot(file);
        target.close();
        target = StorageEngine.open(dir.resolve("target"));

        assertThat(target.partition(BOUNDS).appliedPosition()).isEqualTo(new AppliedPosition(6, 2));
        assertThat(contents(target.partition(BOUNDS))).containsExactly(entry(key, "a"));
    }

    @Test
    void importRefusesASnapshotOfAnotherPartitionAndChangesNothing() throws IOException {
        source.partition(NEIGHBOUR).apply(1, 1, List.of(new Mutation.Put(itemKey(TABLE, 2000, "n"), utf8("n"))));
        Path file = dir.resolve("neighbour.sst");
        source.partition(NEIGHBOUR).exportSnapshot(file);
        PartitionStore store = target.partition(BOUNDS);
        store.apply(4, 1, List.of(new Mutation.Put(itemKey(TABLE, START, "mine"), utf8("mine"))));

        assertThatThrownBy(() -> store.importSnapshot(file)).isInstanceOf(IOException.class);

        assertThat(store.appliedIndex()).isEqualTo(4);
        assertThat(contents(store)).containsExactly(entry(itemKey(TABLE, START, "mine"), "mine"));
        assertThat(contents(target.partition(NEIGHBOUR))).isEmpty();
    }

    @Test
    void importRefusesAFileWithOneForeignKeyAmongThePartitionsOwn() throws Exception {
        byte[] applied = new AppliedPosition(1, 1).encode();
        List<byte[][]> own = List.of(new byte[][] {BOUNDS.appliedKey(), applied},
                new byte[][] {itemKey(TABLE, START, "a"), utf8("a")}, new byte[][] {itemKey(TABLE, 1999, "z"), utf8("z")});
        Path clean = writeSst(dir.resolve("clean.sst"), own);
        List<byte[][]> foreign = new java.util.ArrayList<>(own);
        foreign.add(new byte[][] {NEIGHBOUR.appliedKey(), applied}); // another partition's metadata
        Path tainted = writeSst(dir.resolve("tainted.sst"), foreign);
        List<byte[][]> foreignItem = new java.util.ArrayList<>(own);
        foreignItem.add(new byte[][] {itemKey(TABLE, 2000, "n"), utf8("n")}); // the neighbour's first item
        Path taintedItem = writeSst(dir.resolve("tainted-item.sst"), foreignItem);
        PartitionStore store = target.partition(BOUNDS);

        assertThatThrownBy(() -> store.importSnapshot(tainted)).isInstanceOf(IOException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> store.importSnapshot(taintedItem)).isInstanceOf(IOException.class).hasMessageContaining("outside");
        assertThat(contents(store)).isEmpty();
        assertThat(store.importSnapshot(clean)).isEqualTo(new AppliedPosition(1, 1));
        assertThat(contents(store)).hasSize(2);
    }

    /** An SST file of {@code entries} (key, value), written in key order. */
    private static Path writeSst(Path file, List<byte[][]> entries) throws Exception {
        List<byte[][]> sorted = new java.util.ArrayList<>(entries);
        sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(a[0], b[0]));
        try (var envOptions = new org.rocksdb.EnvOptions(); var options = new org.rocksdb.Options();
             var writer = new org.rocksdb.SstFileWriter(envOptions, options)) {
            writer.open(file.toString());
            for (byte[][] entry : sorted) {
                writer.put(entry[0], entry[1]);
            }
            writer.finish();
        }
        return file;
    }

    @Test
    void importRefusesAMissingOrCorruptFile() throws IOException {
        PartitionStore store = target.partition(BOUNDS);
        store.apply(4, 1, List.of(new Mutation.Put(itemKey(TABLE, START, "mine"), utf8("mine"))));
        Path garbage = Files.write(dir.resolve("garbage.sst"), utf8("not an sst file"));

        assertThatThrownBy(() -> store.importSnapshot(dir.resolve("missing.sst")))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.importSnapshot(garbage)).isInstanceOf(IOException.class);

        assertThat(store.appliedIndex()).isEqualTo(4);
        assertThat(contents(store)).hasSize(1);
    }

    @Test
    void exportRefusesToOverwriteAnExistingFile() throws IOException {
        Path existing = Files.write(dir.resolve("existing.sst"), utf8("keep me"));

        assertThatThrownBy(() -> source.partition(BOUNDS).exportSnapshot(existing))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(Files.readAllBytes(existing)).isEqualTo(utf8("keep me"));
    }
}
