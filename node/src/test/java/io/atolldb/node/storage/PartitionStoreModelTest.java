package io.atolldb.node.storage;

import static io.atolldb.node.storage.StorageFixtures.contents;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.atolldb.model.Bytes;
import io.atolldb.model.TokenRange;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A partition store behaves like a sorted map of unsigned byte strings: random sequences of Raft
 * entries, each a few puts and deletes, leave the same items as a {@link TreeMap} fed the same
 * changes, seen through gets and through scans in both directions over any sub-range. A neighbour
 * partition fed the same changes shifted into its own range must stay invisible.
 */
class PartitionStoreModelTest {
    /** Item keys are drawn from this many candidates, so that puts and deletes hit the same keys. */
    private static final int KEYS = 30;
    private static final long TOKEN_START = 0xF000_0000_0000_0000L;
    private static final long TOKEN_END = 0xF000_0000_0000_0010L;

    private static Path directory;
    private static StorageEngine engine;
    /** Each try uses a table of its own in the one engine. */
    private static final AtomicLong nextTable = new AtomicLong(100);

    @BeforeContainer
    static void openEngine() throws IOException {
        directory = Files.createTempDirectory("partition-store-model");
        engine = StorageEngine.open(directory);
    }

    @AfterContainer
    static void closeEngine() throws IOException {
        engine.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    sealed interface Change {
        int key();
    }

    record Put(int key, byte[] value) implements Change {
    }

    record Delete(int key) implements Change {
    }

    @Property(tries = 200)
    void aPartitionStoreAgreesWithASortedMap(@ForAll("entries") List<List<Change>> entries,
                                             @ForAll @IntRange(min = 0, max = KEYS) int scanFrom,
                                             @ForAll @IntRange(min = 0, max = KEYS) int scanTo,
                                             @ForAll boolean forward) {
        long table = nextTable.getAndIncrement();
        var tokens = new TokenRange(TOKEN_START, TOKEN_END);
        PartitionStore store = engine.partition(new PartitionBounds(table, table, tokens));
        PartitionStore neighbour = engine.partition(new PartitionBounds(-table, table, new TokenRange(TOKEN_END, 0)));
        var model = new TreeMap<Bytes, Bytes>();

        long index = 0;
        for (List<Change> entry : entries) {
            index++;
            store.apply(index, 1, entry.stream().map(change -> toMutation(table, TOKEN_START, change)).toList());
            neighbour.apply(index, 1, entry.stream().map(change -> toMutation(table, TOKEN_END, change)).toList());
            entry.forEach(change -> applyToModel(model, table, change));
        }

        assertThat(store.appliedIndex()).isEqualTo(index);
        for (int key = 0; key < KEYS; key++) {
            byte[] storageKey = key(table, TOKEN_START, key);
            assertThat(store.get(storageKey).map(Bytes::wrap))
                    .isEqualTo(Optional.ofNullable(model.get(Bytes.wrap(storageKey))));
        }
        assertThat(contents(store, true)).isEqualTo(new ArrayList<>(model.entrySet()));
        assertThat(contents(store, false)).isEqualTo(new ArrayList<>(model.descendingMap().entrySet()));

        Bytes from = Bytes.wrap(scanBound(table, scanFrom));
        Bytes to = Bytes.wrap(scanBound(table, scanTo));
        NavigableMap<Bytes, Bytes> expected = from.compareTo(to) >= 0 ? new TreeMap<>() : model.subMap(from, true, to, false);
        assertThat(scan(store, from, to, forward))
                .isEqualTo(new ArrayList<>((forward ? expected : expected.descendingMap()).entrySet()));
    }

    @Provide
    Arbitrary<List<List<Change>>> entries() {
        Arbitrary<Integer> keys = Arbitraries.integers().between(0, KEYS - 1);
        Arbitrary<Change> puts = Combinators.combine(keys, Arbitraries.bytes().array(byte[].class).ofMaxSize(6))
                .as(Put::new);
        Arbitrary<Change> deletes = keys.map(Delete::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(3, puts),
                        Tuple.of(1, deletes))
                .list().ofMinSize(0).ofMaxSize(3)
                .list().ofMaxSize(40);
    }

    /**
     * Candidate key {@code n}: one of a few tokens, then a suffix byte that covers the whole
     * unsigned range (and may be absent), so that byte order and token order both matter.
     */
    private static byte[] key(long table, long tokenStart, int n) {
        long token = tokenStart + n % 3;
        byte[] suffix = n % 10 == 0 ? new byte[0] : new byte[] {(byte) (n * 37)};
        return StorageFixtures.itemKey(table, token, suffix);
    }

    /** A scan bound: a candidate key, or past every candidate for {@code n == KEYS}. */
    private static byte[] scanBound(long table, int n) {
        return n == KEYS ? StorageFixtures.itemKey(table, TOKEN_END, new byte[0]) : key(table, TOKEN_START, n);
    }

    private static Mutation toMutation(long table, long tokenStart, Change change) {
        byte[] key = key(table, tokenStart, change.key());
        return switch (change) {
            case Put put -> new Mutation.Put(key, put.value());
            case Delete delete -> new Mutation.Delete(key);
        };
    }

    private static void applyToModel(TreeMap<Bytes, Bytes> model, long table, Change change) {
        Bytes key = Bytes.wrap(key(table, TOKEN_START, change.key()));
        switch (change) {
            case Put put -> model.put(key, Bytes.copyOf(put.value()));
            case Delete delete -> model.remove(key);
        }
    }

    private static List<Map.Entry<Bytes, Bytes>> scan(PartitionStore store, Bytes from, Bytes to, boolean forward) {
        var entries = new ArrayList<Map.Entry<Bytes, Bytes>>();
        store.scan(from.toByteArray(), to.toByteArray(), forward,
                (key, value) -> entries.add(Map.entry(Bytes.wrap(key), Bytes.wrap(value))));
        return entries;
    }
}
