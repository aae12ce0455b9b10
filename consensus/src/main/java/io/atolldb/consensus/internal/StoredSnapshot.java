package io.atolldb.consensus.internal;

import io.atolldb.consensus.ReplicatedStateMachine.SnapshotMark;
import org.apache.ratis.statemachine.SnapshotInfo;

import java.nio.file.Path;

/**
 * One complete snapshot on disk: its directory, the last entry it contains, and its description
 * for Ratis (the list of its files, which a leader streams to a lagging follower).
 *
 * @param dir  the snapshot directory, {@code sm/snapshots/snapshot.<term>_<index>}
 * @param mark the last entry the snapshot contains
 * @param info the same snapshot as Ratis sees it
 */
record StoredSnapshot(Path dir, SnapshotMark mark, SnapshotInfo info) {

    /** The sub-directory holding what {@code ReplicatedStateMachine.writeSnapshot} wrote. */
    Path dataDir() {
        return SnapshotStore.dataDir(dir);
    }

    long index() {
        return mark.index();
    }
}
