package io.atolldb.consensus.internal;

import io.atolldb.consensus.ReplicatedStateMachine.SnapshotMark;
import org.apache.ratis.server.storage.FileInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotStoreTest {
    @TempDir
    Path sm;
    private final SnapshotStore store = new SnapshotStore();

    @BeforeEach
    void init() throws IOException {
        store.init(sm);
    }

    @Test
    void emptyStoreHasNoSnapshot() {
        assertThat(store.latest()).isEmpty();
        assertThat(store.getLatestSnapshot()).isNull();
        assertThat(store.getSnapshotDir().toPath()).isEqualTo(sm.resolve("snapshots"));
    }

    @Test
    void publishedSnapshotBecomesTheLatestAndListsItsFilesForRatis() throws IOException {
        final StoredSnapshot published = publish(new SnapshotMark(2, 40), "rows.sst", "payload");

        assertThat(store.latest()).contains(published);
        assertThat(store.getLatestSnapshot().getTermIndex().getTerm()).isEqualTo(2);
        assertThat(store.getLatestSnapshot().getIndex()).isEqualTo(40);
        assertThat(store.getLatestSnapshot().getFiles()).extracting(FileInfo::getPath)
                .allMatch(Path::isAbsolute)
                .containsExactlyInAnyOrder(published.dir().resolve(SnapshotStore.MARK_FILE),
                        published.dataDir().resolve("rows.sst"));
        assertThat(published.dir().getParent()).isEqualTo(sm.resolve("snapshots"));
        assertThat(Files.readString(published.dataDir().resolve("rows.sst"))).isEqualTo("payload");
    }

    @Test
    void publishingANewerSnapshotDeletesTheOlderOne() throws IOException {
        final StoredSnapshot older = publish(new SnapshotMark(1, 10), "a", "old");
        final StoredSnapshot newer = publish(new SnapshotMark(1, 20), "a", "new");

        assertThat(children(sm.resolve("snapshots"))).containsExactly(newer.dir());
        assertThat(older.dir()).doesNotExist();
    }

    @Test
    void snapshotWithNoDataFilesStillHasAFileToSend() throws IOException {
        final Path staged = store.stage();

        final StoredSnapshot published = store.publish(staged, new SnapshotMark(1, 5));

        assertThat(published.info().getFiles()).hasSize(1);
    }

    @Test
    void restartFindsTheNewestCompleteSnapshotAndDropsLeftovers() throws IOException {
        final StoredSnapshot kept = publish(new SnapshotMark(3, 30), "a", "x");
        final Path incomplete = Files.createDirectories(sm.resolve("snapshots").resolve("snapshot.3_99"));
        final Path staged = store.stage();
        Files.writeString(SnapshotStore.dataDir(staged).resolve("half"), "written");

        final SnapshotStore reopened = new SnapshotStore();
        reopened.init(sm);

        assertThat(reopened.latest()).map(StoredSnapshot::mark).contains(new SnapshotMark(3, 30));
        assertThat(children(sm.resolve("snapshots"))).containsExactly(kept.dir());
        assertThat(incomplete).doesNotExist();
        assertThat(children(sm.resolve("staging"))).isEmpty();
    }

    @Test
    void snapshotsMovedAsideByAnInterruptedInstallAreRestored() throws IOException {
        final StoredSnapshot kept = publish(new SnapshotMark(1, 10), "a", "x");
        Files.move(sm.resolve("snapshots"), sm.resolve("snapshots.tmp20260101-000000"));

        final SnapshotStore reopened = new SnapshotStore();
        reopened.init(sm);

        assertThat(reopened.latest()).map(StoredSnapshot::dir).contains(kept.dir());
        assertThat(children(sm)).noneMatch(p -> p.getFileName().toString().startsWith("snapshots.tmp"));
    }

    @Test
    void snapshotReceivedFromTheLeaderIsReloadedWithoutRatisChecksumFiles() throws IOException {
        publish(new SnapshotMark(1, 10), "a", "old");
        // What Ratis does on a follower: a new snapshots/ directory replaces the old one, with an
        // X.md5 file next to every received file X.
        final Path received = Files.createDirectories(sm.resolve("receiving").resolve("snapshot-1"));
        final Path snapshotDir = Files.createDirectories(received.resolve("snapshot.2_50").resolve("data"));
        Files.writeString(snapshotDir.resolve("rows.sst"), "leader data");
        Files.writeString(snapshotDir.resolve("rows.sst.md5"), "abc *rows.sst");
        final Path markSource = publishElsewhere(new SnapshotMark(2, 50));
        Files.copy(markSource, received.resolve("snapshot.2_50").resolve(SnapshotStore.MARK_FILE));
        Files.writeString(received.resolve("snapshot.2_50").resolve(SnapshotStore.MARK_FILE + ".md5"), "def");
        FileTrees.deleteTree(sm.resolve("snapshots"));
        Files.move(received, sm.resolve("snapshots"));

        final StoredSnapshot installed = store.reloadAfterInstall();

        assertThat(installed.mark()).isEqualTo(new SnapshotMark(2, 50));
        assertThat(installed.info().getFiles()).extracting(f -> f.getPath().getFileName().toString())
                .containsExactlyInAnyOrder("rows.sst", SnapshotStore.MARK_FILE);
        assertThat(FileTrees.regularFiles(installed.dir())).noneMatch(p -> p.toString().endsWith(".md5"));
    }

    @Test
    void discardedStagingDirectoryIsGone() throws IOException {
        final Path staged = store.stage();

        store.discard(staged);

        assertThat(staged).doesNotExist();
        assertThat(store.latest()).isEmpty();
    }

    private StoredSnapshot publish(SnapshotMark mark, String file, String content) throws IOException {
        final Path staged = store.stage();
        Files.writeString(SnapshotStore.dataDir(staged).resolve(file), content);
        return store.publish(staged, mark);
    }

    /** A mark file as the leader wrote it, produced by a second store. */
    private Path publishElsewhere(SnapshotMark mark) throws IOException {
        final SnapshotStore leader = new SnapshotStore();
        leader.init(sm.resolveSibling(sm.getFileName() + "-leader"));
        return leader.publish(leader.stage(), mark).dir().resolve(SnapshotStore.MARK_FILE);
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
