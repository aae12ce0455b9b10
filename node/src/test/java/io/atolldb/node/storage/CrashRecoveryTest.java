package io.atolldb.node.storage;

import static io.atolldb.node.storage.StorageFixtures.contents;
import static io.atolldb.node.storage.StorageFixtures.itemKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atolldb.model.Bytes;
import io.atolldb.model.TokenRange;

/**
 * Writes go to RocksDB without its WAL, so a crash loses the unflushed memtables. Closing an
 * engine whose settings say not to flush leaves exactly that on disk; these tests check that what
 * survives is, for every partition, its state at its persisted applied index: never a mix, and
 * never an applied index ahead of the data.
 */
class CrashRecoveryTest {
    private static final long TABLE = 3;
    private static final PartitionBounds FIRST = new PartitionBounds(1, TABLE, new TokenRange(0, 1000));
    private static final PartitionBounds SECOND = new PartitionBounds(2, TABLE, new TokenRange(1000, 0));

    @TempDir
    Path dir;

    @Test
    void aCrashLosesOnlyTheEntriesAppliedAfterTheLastFlush() {
        var crashing = StorageSettings.defaults().withFlushOnClose(false);
        var log = new ReplayableLog(FIRST, 20);
        try (var engine = StorageEngine.open(dir, crashing)) {
            PartitionStore store = engine.partition(FIRST);
            log.applyEntries(store, 1, 5);
            engine.flush();
            log.applyEntries(store, 6, 9);
        }

        try (var engine = StorageEngine.open(dir, crashing)) {
            PartitionStore store = engine.partition(FIRST);

            assertThat(store.appliedPosition()).isEqualTo(new AppliedPosition(5, 1));
            assertThat(contents(store)).isEqualTo(log.stateAfter(5));
        }
    }

    @Test
    void whatSurvivesACrashIsAlwaysAPrefixOfEachPartitionsAppliedLog() {
        // The smallest memtables RocksDB allows, so that flushes happen by themselves at arbitrary
        // points in the middle of the writes.
        var crashing = StorageSettings.defaults().withFlushOnClose(false).withWriteBufferBytes(64 * 1024);
        int entries = 600;
        var firstLog = new ReplayableLog(FIRST, 50);
        var secondLog = new ReplayableLog(SECOND, 50);
        try (var engine = StorageEngine.open(dir, crashing)) {
            PartitionStore first = engine.partition(FIRST);
            PartitionStore second = engine.partition(SECOND);
            for (int index = 1; index <= entries; index++) {
                firstLog.applyEntries(first, index, index);
                secondLog.applyEntries(second, index, index);
            }
        }

        try (var engine = StorageEngine.open(dir, crashing)) {
            for (var log : List.of(firstLog, secondLog)) {
                PartitionStore store = engine.partition(log.bounds);
                long persisted = store.appliedIndex();

                assertThat(persisted).as("some memtables were flushed").isPositive().isLessThanOrEqualTo(entries);
                assertThat(contents(store)).isEqualTo(log.stateAfter(persisted));
            }
        }
    }

    /**
     * A partition's Raft log as the test sees it: entry i writes or deletes one of a few keys with
     * a value naming i (about 1 KiB, so memtables fill up), and the expected state after any entry
     * can be computed again.
     */
    private static final class ReplayableLog {
        private final PartitionBounds bounds;
        private final int keyCount;

        ReplayableLog(PartitionBounds bounds, int keyCount) {
            this.bounds = bounds;
            this.keyCount = keyCount;
        }

        void applyEntries(PartitionStore store, long fromIndex, long toIndex) {
            for (long index = fromIndex; index <= toIndex; index++) {
                store.apply(index, 1, List.of(mutation(index)));
            }
        }

        List<Map.Entry<Bytes, Bytes>> stateAfter(long lastIndex) {
            var state = new TreeMap<Bytes, Bytes>();
            for (long index = 1; index <= lastIndex; index++) {
                switch (mutation(index)) {
                    case Mutation.Put put -> state.put(Bytes.copyOf(put.key()), Bytes.copyOf(put.value()));
                    case Mutation.Delete delete -> state.remove(Bytes.copyOf(delete.key()));
                }
            }
            return new ArrayList<>(state.entrySet());
        }

        private Mutation mutation(long index) {
            byte[] key = itemKey(bounds.tableId(), bounds.tokens().start() + index % keyCount, "k");
            if (index % 7 == 0) {
                return new Mutation.Delete(key);
            }
            byte[] value = new byte[1024];
            Arrays.fill(value, (byte) index);
            value[0] = (byte) (index >>> 8);
            return new Mutation.Put(key, value);
        }
    }
}
