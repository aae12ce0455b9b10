package io.atolldb.node.partition;

import io.atolldb.model.TokenRange;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.StorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.atolldb.node.storage.StorageFixtures.itemKey;
import static org.assertj.core.api.Assertions.assertThat;

/** A partition's item count and size follow every put, overwrite and delete, and survive a restart. */
class PartitionStatsTest {
    private static final long TABLE = 6;
    private static final PartitionBounds BOUNDS = new PartitionBounds(2, TABLE, new TokenRange(0, 100));

    @Test
    void countsFollowPutsOverwritesAndDeletes(@TempDir Path dir) {
        byte[] a = itemKey(TABLE, 1, "a");
        byte[] b = itemKey(TABLE, 2, "b");
        try (var engine = StorageEngine.open(dir)) {
            var machine = new PartitionStateMachine(engine.partition(BOUNDS));
            machine.apply(1, 1, Commands.put(a, "12345", false));
            machine.apply(2, 1, Commands.put(b, "123", false));
            assertThat(machine.stats()).isEqualTo(new PartitionStats(2, size("12345") + size("123")));

            machine.apply(3, 1, Commands.put(a, "1", false));
            assertThat(machine.stats()).isEqualTo(new PartitionStats(2, size("1") + size("123")));

            machine.apply(4, 1, Commands.delete(b, false));
            machine.apply(5, 1, Commands.delete(itemKey(TABLE, 3, "never"), false));
            assertThat(machine.stats()).isEqualTo(new PartitionStats(1, size("1")));
        }
        try (var engine = StorageEngine.open(dir)) {
            assertThat(new PartitionStateMachine(engine.partition(BOUNDS)).stats()).isEqualTo(new PartitionStats(1, size("1")));
        }
    }

    /** The stored (encoded) size of the test item holding {@code text}. */
    private static long size(String text) {
        return Commands.item(text).size();
    }
}
