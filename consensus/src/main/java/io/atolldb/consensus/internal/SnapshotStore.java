package io.atolldb.consensus.internal;

import io.atolldb.consensus.ReplicatedStateMachine.SnapshotMark;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The snapshots of one group replica on disk. It hands the state machine an empty directory to
 * write a snapshot into, publishes the result atomically, keeps only the newest snapshot, and
 * describes it to Ratis, which streams its files to lagging followers and, on a follower, moves a
 * received snapshot into {@link #getSnapshotDir()} (replacing that whole directory).
 *
 * <pre>
 *   sm/                                       the group's Ratis state machine directory
 *     snapshots/                              getSnapshotDir(): holds the newest snapshot only
 *       snapshot.&lt;term&gt;_&lt;index&gt;/
 *         snapshot.properties                 its mark (term, index), written last
 *         data/...                            what ReplicatedStateMachine.writeSnapshot wrote
 *     staging/&lt;n&gt;/                            a snapshot being written; renamed into snapshots/
 *     receiving/                              getTmpDir(): Ratis assembles a received snapshot here
 * </pre>
 *
 * <p>Invariants: a directory under {@code snapshots/} with a readable mark file is complete, either
 * fsynced here before its atomic rename into place or checked file by file (MD5) by Ratis before
 * Ratis moved it in. Relative paths inside a snapshot are the same on every replica, because the
 * leader names each file relative to its own {@code snapshots/} and the follower re-creates it
 * under its own. Empty directories are not transferred.
 */
final class SnapshotStore implements StateMachineStorage {
    static final String MARK_FILE = "snapshot.properties";
    static final String DATA_DIR = "data";
    private static final String SNAPSHOTS = "snapshots";
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    private final AtomicLong stagingCounter = new AtomicLong();
    private volatile Path snapshotsDir;
    private volatile Path stagingDir;
    private volatile Path receivingDir;
    private volatile StoredSnapshot latest;

    static Path dataDir(Path snapshotDir) {
        return snapshotDir.resolve(DATA_DIR);
    }

    @Override
    public void init(RaftStorage raftStorage) throws IOException {
        init(raftStorage.getStorageDir().getStateMachineDir().toPath());
    }

    /** Prepares the directories under the group's state machine directory and finds the newest snapshot. */
    void init(Path stateMachineDir) throws IOException {
        final Path smDir = stateMachineDir.toAbsolutePath();
        snapshotsDir = smDir.resolve(SNAPSHOTS);
        stagingDir = smDir.resolve("staging");
        receivingDir = smDir.resolve("receiving");
        recoverInterruptedInstall(smDir);
        Files.createDirectories(snapshotsDir);
        FileTrees.deleteTree(stagingDir);
        FileTrees.deleteTree(receivingDir);
        Files.createDirectories(stagingDir);
        Files.createDirectories(receivingDir);
        latest = scan().orElse(null);
        deleteAllButLatest();
    }

    /** The newest complete snapshot, if any. */
    Optional<StoredSnapshot> latest() {
        return Optional.ofNullable(latest);
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        final StoredSnapshot s = latest;
        return s == null ? null : s.info();
    }

    @Override
    public void format() {
        // Nothing to prepare: init() creates the directories.
    }

    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy ignored) throws IOException {
        deleteAllButLatest();
    }

    @Override
    public File getSnapshotDir() {
        return snapshotsDir == null ? null : snapshotsDir.toFile();
    }

    @Override
    public File getTmpDir() {
        return receivingDir == null ? null : receivingDir.toFile();
    }

    /** A fresh snapshot directory outside {@code snapshots/}, with an empty {@code data/} inside. */
    Path stage() throws IOException {
        final Path dir = stagingDir.resolve(Long.toString(stagingCounter.incrementAndGet()));
        FileTrees.deleteTree(dir);
        Files.createDirectories(dataDir(dir));
        return dir;
    }

    /** Drops a staged directory that will not be published. */
    void discard(Path staged) {
        try {
            FileTrees.deleteTree(staged);
        } catch (IOException e) {
            LOG.warn("could not delete staged snapshot {}", staged, e);
        }
    }

    /**
     * Makes a staged snapshot the latest: writes its mark, forces it to disk, renames it into
     * {@code snapshots/} and deletes the older ones.
     */
    StoredSnapshot publish(Path staged, SnapshotMark mark) throws IOException {
        writeMark(staged.resolve(MARK_FILE), mark);
        FileTrees.syncTree(staged);
        final Path target = snapshotsDir.resolve("snapshot." + mark.term() + "_" + mark.index());
        if (Files.exists(target)) {
            discard(staged);
        } else {
            // No parent is created here: if Ratis is swapping in a received snapshot right now,
            // the move fails and this snapshot is simply not taken.
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            FileTrees.syncDirectory(snapshotsDir);
        }
        latest = load(target).orElseThrow(() -> new IOException("published snapshot unreadable: " + target));
        deleteAllButLatest();
        return latest;
    }

    /** Re-reads {@code snapshots/} after Ratis moved a snapshot received from the leader into it. */
    StoredSnapshot reloadAfterInstall() throws IOException {
        latest = scan().orElseThrow(() -> new IOException("no snapshot found in " + snapshotsDir
                + " after installing one from the leader"));
        deleteAllButLatest();
        return latest;
    }

    private Optional<StoredSnapshot> scan() throws IOException {
        final List<Path> dirs;
        try (Stream<Path> children = Files.list(snapshotsDir)) {
            dirs = children.filter(Files::isDirectory).toList();
        }
        StoredSnapshot newest = null;
        for (Path dir : dirs) {
            FileTrees.deleteReceivedChecksums(dir);
            final Optional<StoredSnapshot> s = load(dir);
            if (s.isPresent() && (newest == null || s.get().index() > newest.index())) {
                newest = s.get();
            }
        }
        return Optional.ofNullable(newest);
    }

    private Optional<StoredSnapshot> load(Path dir) throws IOException {
        final Path markFile = dir.resolve(MARK_FILE);
        if (!Files.isRegularFile(markFile)) {
            return Optional.empty();
        }
        final SnapshotMark mark;
        try {
            mark = readMark(markFile);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring snapshot {} with an unreadable mark", dir, e);
            return Optional.empty();
        }
        final List<FileInfo> files = FileTrees.regularFiles(dir).stream()
                .map(path -> new FileInfo(path, null)) // no digest: Ratis computes it while sending
                .toList();
        return Optional.of(new StoredSnapshot(dir, mark, new FileListSnapshotInfo(files, mark.term(), mark.index())));
    }

    private void deleteAllButLatest() throws IOException {
        final StoredSnapshot keep = latest;
        final List<Path> dirs;
        try (Stream<Path> children = Files.list(snapshotsDir)) {
            dirs = children.filter(dir -> keep == null || !dir.equals(keep.dir())).toList();
        }
        for (Path dir : dirs) {
            FileTrees.deleteTree(dir);
        }
    }

    /**
     * Ratis installs a received snapshot by moving {@code snapshots/} aside (to
     * {@code snapshots.tmp<time>}), then moving the received one in. A crash between the two moves
     * leaves no {@code snapshots/}: put the previous one back (the leader will send its snapshot
     * again). Leftovers of completed swaps are deleted.
     */
    private static void recoverInterruptedInstall(Path smDir) throws IOException {
        if (!Files.isDirectory(smDir)) {
            return;
        }
        final List<Path> asides;
        try (Stream<Path> children = Files.list(smDir)) {
            asides = children.filter(p -> p.getFileName().toString().startsWith(SNAPSHOTS + ".tmp"))
                    .sorted(Comparator.reverseOrder()).toList();
        }
        final Path snapshots = smDir.resolve(SNAPSHOTS);
        for (Path aside : asides) {
            if (!Files.exists(snapshots)) {
                LOG.warn("restoring {} moved aside by an interrupted snapshot install", aside);
                Files.move(aside, snapshots, StandardCopyOption.ATOMIC_MOVE);
            } else {
                FileTrees.deleteTree(aside);
            }
        }
    }

    private static void writeMark(Path file, SnapshotMark mark) throws IOException {
        final Properties props = new Properties();
        props.setProperty("term", Long.toString(mark.term()));
        props.setProperty("index", Long.toString(mark.index()));
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "AtollDB snapshot mark: the last log entry this snapshot contains");
        }
    }

    private static SnapshotMark readMark(Path file) throws IOException {
        final Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        return new SnapshotMark(Long.parseLong(props.getProperty("term")), Long.parseLong(props.getProperty("index")));
    }
}
