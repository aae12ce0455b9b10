package io.atolldb.node.storage;

import static io.atolldb.node.storage.StorageFixtures.contents;
import static io.atolldb.node.storage.StorageFixtures.entry;
import static io.atolldb.node.storage.StorageFixtures.itemKey;
import static io.atolldb.node.storage.StorageFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atolldb.model.TokenRange;

class PartitionStoreTest {
    private static final long TABLE = 7;
    private static final long QUARTER = 1L << 62;
    private static final long HALF = 1L << 63;
    /** Three partitions of TABLE that cover the ring: [0, 2^62), [2^62, 2^63), [2^63, 2^64). */
    private static final PartitionBounds LOW = new PartitionBounds(1, TABLE, new TokenRange(0, QUARTER));
    private static final PartitionBounds MIDDLE = new PartitionBounds(2, TABLE, new TokenRange(QUARTER, HALF));
    private static final PartitionBounds HIGH = new PartitionBounds(3, TABLE, new TokenRange(HALF, 0));

    @TempDir
    Path dir;
    private StorageEngine engine;

    @BeforeEach
    void openEngine() {
        engine = StorageEngine.open(dir);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void aNewPartitionHasNothingAppliedAndNoItems() {
        PartitionStore store = engine.partition(MIDDLE);

        assertThat(store.appliedPosition()).isEqualTo(AppliedPosition.NONE);
        assertThat(store.get(itemKey(TABLE, QUARTER, "a"))).isEmpty();
        assertThat(contents(store)).isEmpty();
    }

    @Test
    void applyWritesTheMutationsInOrderTogetherWithTheAppliedPosition() {
        PartitionStore store = engine.partition(MIDDLE);
        byte[] a = itemKey(TABLE, QUARTER, "a");
        byte[] b = itemKey(TABLE, QUARTER + 1, "b");

        store.apply(1, 1, List.of(new Mutation.Put(a, utf8("a1")), new Mutation.Put(b, utf8("b1"))));
        store.apply(2, 3, List.of(new Mutation.Put(a, utf8("a2")), new Mutation.Delete(b), new Mutation.Put(b, utf8("b2"))));
        store.apply(3, 3, List.of(new Mutation.Delete(a)));

        assertThat(store.appliedIndex()).isEqualTo(3);
        assertThat(store.appliedTerm()).isEqualTo(3);
        assertThat(store.get(a)).isEmpty();
        assertThat(store.get(b)).hasValueSatisfying(value -> assertThat(value).isEqualTo(utf8("b2")));
    }

    @Test
    void anEntryWithoutMutationsStillAdvancesTheAppliedPosition() {
        PartitionStore store = engine.partition(MIDDLE);

        store.apply(5, 2, List.of());

        assertThat(store.appliedPosition()).isEqualTo(new AppliedPosition(5, 2));
    }

    @Test
    void appliedPositionAndDataSurviveFlushAndReopen() {
        byte[] a = itemKey(TABLE, QUARTER, "a");
        engine.partition(MIDDLE).apply(41, 6, List.of(new Mutation.Put(a, utf8("kept"))));
        engine.flush();
        engine.close();

        engine = StorageEngine.open(dir, StorageSettings.defaults().withFlushOnClose(false));
        PartitionStore reopened = engine.partition(MIDDLE);

        assertThat(reopened.appliedPosition()).isEqualTo(new AppliedPosition(41, 6));
        assertThat(contents(reopened)).containsExactly(entry(a, "kept"));
    }

    @Test
    void applyRefusesAKeyOutsideThePartitionAndWritesNothing() {
        PartitionStore store = engine.partition(MIDDLE);
        byte[] inside = itemKey(TABLE, QUARTER, "in");
        byte[] otherPartition = itemKey(TABLE, HALF, "out");
        byte[] otherTable = itemKey(TABLE + 1, QUARTER, "out");
        byte[] notAnItemKey = utf8("x");

        for (byte[] outside : List.of(otherPartition, otherTable, notAnItemKey)) {
            assertThatThrownBy(() -> store.apply(1, 1, List.of(new Mutation.Put(inside, utf8("v")),
                    new Mutation.Put(outside, utf8("v")))))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        assertThat(store.appliedIndex()).isZero();
        assertThat(contents(store)).isEmpty();
        assertThat(engine.partition(HIGH).get(otherPartition)).isEmpty();
    }

    @Test
    void applyRefusesAnIndexThatIsNotAfterTheAppliedIndex() {
        PartitionStore store = engine.partition(MIDDLE);
        byte[] a = itemKey(TABLE, QUARTER, "a");
        store.apply(10, 1, List.of(new Mutation.Put(a, utf8("ten"))));

        assertThatThrownBy(() -> store.apply(10, 1, List.of(new Mutation.Put(a, utf8("again")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.apply(9, 1, List.of(new Mutation.Delete(a))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.appliedIndex()).isEqualTo(10);
        assertThat(contents(store)).containsExactly(entry(a, "ten"));
    }

    @Test
    void partitionsSharingOneEngineDoNotSeeEachOthersKeys() {
        PartitionStore low = engine.partition(LOW);
        PartitionStore middle = engine.partition(MIDDLE);
        PartitionStore otherTable = engine.partition(new PartitionBounds(4, TABLE + 1, TokenRange.WHOLE_RING));
        byte[] lowKey = itemKey(TABLE, QUARTER - 1, "k");
        byte[] middleKey = itemKey(TABLE, QUARTER, "k");
        byte[] otherTableKey = itemKey(TABLE + 1, QUARTER, "k");

        low.apply(1, 1, List.of(new Mutation.Put(lowKey, utf8("low"))));
        middle.apply(7, 2, List.of(new Mutation.Put(middleKey, utf8("middle"))));
        otherTable.apply(3, 1, List.of(new Mutation.Put(otherTableKey, utf8("other"))));

        assertThat(contents(low)).containsExactly(entry(lowKey, "low"));
        assertThat(contents(middle)).containsExactly(entry(middleKey, "middle"));
        assertThat(contents(otherTable)).containsExactly(entry(otherTableKey, "other"));
        assertThat(List.of(low.appliedIndex(), middle.appliedIndex(), otherTable.appliedIndex()))
                .containsExactly(1L, 7L, 3L);

        middle.destroy();

        assertThat(contents(middle)).isEmpty();
        assertThat(middle.appliedIndex()).isZero();
        assertThat(contents(low)).containsExactly(entry(lowKey, "low"));
        assertThat(contents(otherTable)).containsExactly(entry(otherTableKey, "other"));
        assertThat(otherTable.appliedIndex()).isEqualTo(3);
    }

    @Test
    void scansInBothDirectionsStayInsideThePartition() {
        PartitionStore low = engine.partition(LOW);
        PartitionStore middle = engine.partition(MIDDLE);
        PartitionStore high = engine.partition(HIGH);
        PartitionStore nextTable = engine.partition(new PartitionBounds(9, TABLE + 1, TokenRange.WHOLE_RING));
        low.apply(1, 1, List.of(new Mutation.Put(itemKey(TABLE, QUARTER - 1, "\u00ff"), utf8("low"))));
        high.apply(1, 1, List.of(new Mutation.Put(itemKey(TABLE, HALF, ""), utf8("high"))));
        nextTable.apply(1, 1, List.of(new Mutation.Put(itemKey(TABLE + 1, 0, "next"), utf8("next"))));
        byte[] first = itemKey(TABLE, QUARTER, "");
        byte[] second = itemKey(TABLE, QUARTER, "b");
        byte[] third = itemKey(TABLE, HALF - 1, "\u00ff\u00ff");
        middle.apply(1, 1, List.of(new Mutation.Put(third, utf8("3")), new Mutation.Put(first, utf8("1")),
                new Mutation.Put(second, utf8("2"))));

        assertThat(contents(middle, true)).containsExactly(entry(first, "1"), entry(second, "2"), entry(third, "3"));
        assertThat(contents(middle, false)).containsExactly(entry(third, "3"), entry(second, "2"), entry(first, "1"));
        // The last partition of the ring ends where the next table begins.
        assertThat(contents(high, false)).containsExactly(entry(itemKey(TABLE, HALF, ""), "high"));
    }

    @Test
    void scanCutsTheRequestedRangeToThePartitionAndStopsWhenTheVisitorSaysSo() {
        PartitionStore middle = engine.partition(MIDDLE);
        engine.partition(HIGH).apply(1, 1, List.of(new Mutation.Put(itemKey(TABLE, HALF, "h"), utf8("high"))));
        byte[] a = itemKey(TABLE, QUARTER, "a");
        byte[] b = itemKey(TABLE, QUARTER, "b");
        byte[] c = itemKey(TABLE, QUARTER, "c");
        middle.apply(1, 1, List.of(new Mutation.Put(a, utf8("a")), new Mutation.Put(b, utf8("b")),
                new Mutation.Put(c, utf8("c"))));
        byte[] everythingBefore = new byte[] {0};
        byte[] everythingAfter = new byte[] {(byte) 0xff};

        assertThat(keys(middle, everythingBefore, everythingAfter, true, 10)).containsExactly(a, b, c);
        assertThat(keys(middle, b, everythingAfter, false, 10)).containsExactly(c, b);
        assertThat(keys(middle, a, c, false, 10)).containsExactly(b, a);
        assertThat(keys(middle, a, c, true, 1)).containsExactly(a);
        assertThat(keys(middle, c, a, true, 10)).isEmpty();
    }

    @Test
    void destroyIsDurable() {
        PartitionStore store = engine.partition(MIDDLE);
        store.apply(1, 1, List.of(new Mutation.Put(itemKey(TABLE, QUARTER, "a"), utf8("a"))));
        engine.flush();
        engine.close();
        engine = StorageEngine.open(dir, StorageSettings.defaults().withFlushOnClose(false));

        engine.partition(MIDDLE).destroy();
        engine.close();
        engine = StorageEngine.open(dir);

        assertThat(engine.partition(MIDDLE).appliedIndex()).isZero();
        assertThat(contents(engine.partition(MIDDLE))).isEmpty();
    }

    @Test
    void aClosedEngineRefusesFurtherUse() {
        PartitionStore store = engine.partition(MIDDLE);
        engine.close();

        assertThatThrownBy(() -> store.get(itemKey(TABLE, QUARTER, "a"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(engine::flush).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecondEngineCannotOpenTheSameDirectory() {
        assertThatThrownBy(() -> StorageEngine.open(dir)).isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot open RocksDB");

        engine.partition(MIDDLE).apply(1, 1, List.of());
        assertThat(engine.partition(MIDDLE).appliedIndex()).isEqualTo(1);
    }

    /** The keys a scan visits, stopping after {@code limit}. */
    private static List<byte[]> keys(PartitionStore store, byte[] from, byte[] to, boolean forward, int limit) {
        var keys = new ArrayList<byte[]>();
        store.scan(from, to, forward, (key, value) -> {
            keys.add(key);
            return keys.size() < limit;
        });
        return keys;
    }
}
