package io.atolldb.node.partition;

import static io.atolldb.node.partition.Commands.put;
import static io.atolldb.node.storage.StorageFixtures.itemKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atolldb.model.TokenRange;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.StorageEngine;

/**
 * An eventually consistent read that must see a given write waits on the replica until it has applied
 * that write's log entry, and no longer.
 */
class AppliedWaitTest {
    private static final long TABLE = 4;
    private static final PartitionBounds BOUNDS = new PartitionBounds(12, TABLE, new TokenRange(0, 1L << 40));

    @TempDir
    Path dir;
    private StorageEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aWaitEndsWhenTheReplicaAppliesTheEntryNotBefore() {
        engine = StorageEngine.open(dir);
        var replica = new PartitionStateMachine(engine.partition(BOUNDS));
        replica.apply(1, 1, put(itemKey(TABLE, 1, "a"), "v1", false));
        assertThat(replica.applied(1)).as("already applied").isCompleted();

        CompletableFuture<Void> third = replica.applied(3);
        CompletableFuture<Void> second = replica.applied(2);
        replica.apply(2, 1, put(itemKey(TABLE, 1, "b"), "v2", false));
        assertThat(second).isCompleted();
        assertThat(third).isNotDone();
        replica.apply(3, 1, put(itemKey(TABLE, 1, "c"), "v3", false));
        assertThat(third).isCompleted();
    }

    @Test
    void waitersGivenUpOnAreDroppedAndTooManyWaitingFailAtOnce() {
        var waiters = new AppliedWaiters();
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < AppliedWaiters.MAX_WAITING; i++) {
            waiting.add(waiters.await(10 + i, () -> 0));
        }
        assertThat(waiters.await(5, () -> 0)).as("one too many").isCompletedExceptionally();
        waiting.getFirst().cancel(false); // a read that stopped waiting (its timeout)
        CompletableFuture<Void> room = waiters.await(5, () -> 0);
        assertThat(room).isNotDone();

        waiters.reached(10);
        assertThat(room).isCompleted();
        assertThat(waiting.get(1)).isNotDone();
        waiters.reached(10 + AppliedWaiters.MAX_WAITING);
        assertThat(waiting).allSatisfy(f -> assertThat(f).isDone());
    }
}
