package io.atolldb.node.partition;

import static io.atolldb.node.partition.Commands.delete;
import static io.atolldb.node.partition.Commands.put;
import static io.atolldb.node.partition.Commands.read;
import static io.atolldb.node.storage.StorageFixtures.contents;
import static io.atolldb.node.storage.StorageFixtures.itemKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atolldb.consensus.ReplicatedStateMachine.SnapshotMark;
import io.atolldb.model.TokenRange;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.StorageEngine;
import io.atolldb.node.storage.StorageSettings;

/** Replicas of one partition on different nodes: same log, same state; snapshots carry it over. */
class PartitionReplicationTest {
    private static final long TABLE = 4;
    private static final PartitionBounds BOUNDS = new PartitionBounds(12, TABLE, new TokenRange(0, 1L << 40));
    private static final int KEYS = 20;

    @TempDir
    Path dir;
    private final List<StorageEngine> engines = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        engines.forEach(StorageEngine::close);
    }

    @Test
    void replicasFedTheSameEntriesReplyTheSameAndEndInTheSameState() {
        PartitionStateMachine first = replica("first");
        PartitionStateMachine second = replica("second");
        List<byte[]> log = randomLog(new Random(7), 300);

        for (int i = 0; i < log.size(); i++) {
            long index = i + 1;
            byte[] firstReply = first.apply(index, 1 + index / 100, log.get(i));
            byte[] secondReply = second.apply(index, 1 + index / 100, log.get(i));
            assertThat(secondReply).as("reply to entry %d", index).isEqualTo(firstReply);
        }

        assertThat(second.lastAppliedIndex()).isEqualTo(first.lastAppliedIndex()).isEqualTo(300);
        assertThat(contents(engines.get(1).partition(BOUNDS))).isEqualTo(contents(engines.get(0).partition(BOUNDS)));
        for (int key = 0; key < KEYS; key++) {
            assertThat(second.query(read(key(key)))).isEqualTo(first.query(read(key(key))));
        }
    }

    @Test
    void aSnapshotInstalledOnAnotherReplicaGivesTheSameReadsAndAppliedIndex() throws IOException {
        PartitionStateMachine leader = replica("leader");
        PartitionStateMachine follower = replica("follower");
        List<byte[]> log = randomLog(new Random(11), 120);
        for (int i = 0; i < log.size(); i++) {
            leader.apply(i + 1, 3, log.get(i));
        }
        // The follower holds an older, diverging state that the snapshot must replace entirely.
        follower.apply(1, 1, put(key(KEYS + 1), "only on the follower", false));
        Path snapshotDir = Files.createDirectory(dir.resolve("snapshot"));

        SnapshotMark mark = leader.writeSnapshot(snapshotDir);
        follower.installSnapshot(snapshotDir, mark);

        assertThat(mark).isEqualTo(new SnapshotMark(3, 120));
        assertThat(follower.lastAppliedIndex()).isEqualTo(120).isEqualTo(engines.get(1).partition(BOUNDS).appliedIndex());
        for (int key = 0; key <= KEYS + 1; key++) {
            assertThat(follower.query(read(key(key)))).isEqualTo(leader.query(read(key(key))));
        }
        assertThat(contents(engines.get(1).partition(BOUNDS))).isEqualTo(contents(engines.get(0).partition(BOUNDS)));
        // Both go on applying the log after the snapshot alike.
        byte[] next = put(key(0), "after the snapshot", true);
        assertThat(follower.apply(121, 3, next)).isEqualTo(leader.apply(121, 3, next));
    }

    @Test
    void aSnapshotMarkIsDurableBeforeItIsReported() throws IOException {
        Path storage = dir.resolve("crashing");
        var crashing = StorageSettings.defaults().withFlushOnClose(false);
        StorageEngine engine = StorageEngine.open(storage, crashing);
        engines.add(engine);
        var machine = new PartitionStateMachine(engine.partition(BOUNDS));
        List<byte[]> log = randomLog(new Random(3), 50);
        for (int i = 0; i < log.size(); i++) {
            machine.apply(i + 1, 1, log.get(i));
        }

        SnapshotMark mark = machine.writeSnapshot(Files.createDirectory(dir.resolve("snapshot")));
        engine.close();
        StorageEngine reopened = open(storage);

        assertThat(new PartitionStateMachine(reopened.partition(BOUNDS)).lastAppliedIndex())
                .isGreaterThanOrEqualTo(mark.index()).isEqualTo(50);
    }

    @Test
    void aSnapshotTakenWhileEntriesAreAppliedHoldsExactlyTheStateAtItsMark() throws Exception {
        PartitionStateMachine leader = replica("leader");
        List<byte[]> log = randomLog(new Random(5), 3000);
        ExecutorService applier = Executors.newSingleThreadExecutor();
        Future<?> applying;
        SnapshotMark mark;
        try {
            applying = applier.submit(() -> {
                for (int i = 0; i < log.size(); i++) {
                    leader.apply(i + 1, 1, log.get(i));
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> leader.lastAppliedIndex() >= 100);
            mark = leader.writeSnapshot(Files.createDirectory(dir.resolve("snapshot")));
            applying.get();
        } finally {
            applier.shutdownNow();
        }
        // Replay the log up to the mark on a fresh replica: the snapshot must hold that state.
        PartitionStateMachine replayed = replica("replayed");
        for (int i = 0; i < mark.index(); i++) {
            replayed.apply(i + 1, 1, log.get(i));
        }
        PartitionStateMachine installed = replica("installed");

        installed.installSnapshot(dir.resolve("snapshot"), mark);

        assertThat(mark.index()).isBetween(100L, 3000L);
        assertThat(contents(engines.get(2).partition(BOUNDS))).isEqualTo(contents(engines.get(1).partition(BOUNDS)));
        assertThat(installed.lastAppliedIndex()).isEqualTo(mark.index());
    }

    @Test
    void installingASnapshotUnderAnotherMarkFails() throws IOException {
        PartitionStateMachine leader = replica("leader");
        leader.apply(1, 1, put(key(1), "item", false));
        Path snapshotDir = Files.createDirectory(dir.resolve("snapshot"));
        SnapshotMark mark = leader.writeSnapshot(snapshotDir);

        assertThatThrownBy(() -> replica("follower").installSnapshot(snapshotDir, new SnapshotMark(1, mark.index() + 5)))
                .isInstanceOf(IOException.class).hasMessageContaining("not the announced");
    }

    @Test
    void installingFromADirectoryWithoutSnapshotChangesNothing() throws IOException {
        PartitionStateMachine follower = replica("follower");
        follower.apply(1, 1, put(key(1), "item", false));
        Path emptyDir = Files.createDirectory(dir.resolve("empty"));

        assertThatThrownBy(() -> follower.installSnapshot(emptyDir, new SnapshotMark(1, 9)))
                .isInstanceOf(IOException.class);

        assertThat(follower.lastAppliedIndex()).isEqualTo(1);
        assertThat(contents(engines.get(0).partition(BOUNDS))).hasSize(1);
    }

    private PartitionStateMachine replica(String node) {
        return new PartitionStateMachine(open(dir.resolve(node)).partition(BOUNDS));
    }

    private StorageEngine open(Path storage) {
        StorageEngine engine = StorageEngine.open(storage);
        engines.add(engine);
        return engine;
    }

    private static byte[] key(int n) {
        return itemKey(TABLE, n % 4, "key-" + n);
    }

    /** Puts and deletes of a few keys, with and without return_old, some outside the partition. */
    private static List<byte[]> randomLog(Random random, int size) {
        var log = new ArrayList<byte[]>();
        for (int i = 0; i < size; i++) {
            byte[] key = random.nextInt(20) == 0 ? itemKey(TABLE, 1L << 41, "outside") : key(random.nextInt(KEYS));
            boolean returnOld = random.nextBoolean();
            log.add(random.nextInt(4) == 0 ? delete(key, returnOld) : put(key, "value-" + i, returnOld));
        }
        return log;
    }
}
