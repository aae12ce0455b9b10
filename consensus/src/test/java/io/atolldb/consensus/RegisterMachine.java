package io.atolldb.consensus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny replicated state machine for tests: a map of registers, persisted with its applied index
 * and term in one file that is replaced atomically after every entry (as RocksDB writes data and
 * applied index in one batch). Commands are {@code put key=value}; anything else is invalid.
 * It records what happened to it so tests can check the adapter's promises.
 */
final class RegisterMachine implements ReplicatedStateMachine {
    private static final String STATE_FILE = "state.properties";

    private final Path file;
    private final TreeMap<String, String> values = new TreeMap<>();
    private long lastApplied;
    private long lastTerm;

    /** Indices applied by this incarnation, in order. */
    final List<Long> applied = new ArrayList<>();
    /** Broken promises seen (an index applied twice, an invalid command applied). */
    final List<String> violations = new ArrayList<>();
    final AtomicInteger installs = new AtomicInteger();

    RegisterMachine(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            load(file);
        }
    }

    static byte[] put(String key, String value) {
        return ("put " + key + "=" + value).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] get(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized long lastAppliedIndex() {
        return lastApplied;
    }

    synchronized Map<String, String> values() {
        return Map.copyOf(values);
    }

    synchronized List<Long> appliedIndices() {
        return List.copyOf(applied);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public void validate(byte[] command) throws InvalidCommandException {
        final String text = text(command);
        if (!text.startsWith("put ") || !text.contains("=")) {
            throw new InvalidCommandException("not a put: " + text);
        }
    }

    @Override
    public synchronized byte[] apply(long index, long term, byte[] command) {
        if (index <= lastApplied) {
            violations.add("index " + index + " applied again after " + lastApplied);
        }
        final String text = text(command);
        if (!text.startsWith("put ")) {
            violations.add("invalid command applied at " + index + ": " + text);
            return new byte[0];
        }
        final String assignment = text.substring(4);
        final int eq = assignment.indexOf('=');
        final String previous = values.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        lastApplied = index;
        lastTerm = term;
        applied.add(index);
        save(file);
        return previous == null ? new byte[0] : previous.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized byte[] query(byte[] query) {
        final String value = values.get(text(query));
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }

    /** While set, a snapshot waits for it after taking the state and before writing it (a slow export). */
    volatile CountDownLatch snapshotGate;

    @Override
    public SnapshotMark writeSnapshot(Path dir) {
        final Properties state;
        final SnapshotMark mark;
        synchronized (this) {
            state = properties();
            mark = new SnapshotMark(lastTerm, lastApplied);
        }
        final CountDownLatch gate = snapshotGate;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing a snapshot", e);
            }
        }
        store(state, dir.resolve(STATE_FILE));
        return mark;
    }

    @Override
    public synchronized void installSnapshot(Path dir, SnapshotMark mark) {
        values.clear();
        load(dir.resolve(STATE_FILE));
        if (lastApplied != mark.index()) {
            violations.add("snapshot holds index " + lastApplied + " but its mark says " + mark.index());
        }
        save(file);
        installs.incrementAndGet();
    }

    @Override
    public void close() {
        // Nothing is held open: every apply already replaced the state file.
    }

    private void save(Path target) {
        store(properties(), target);
    }

    private Properties properties() {
        final Properties props = new Properties();
        props.setProperty("@index", Long.toString(lastApplied));
        props.setProperty("@term", Long.toString(lastTerm));
        values.forEach((k, v) -> props.setProperty("k." + k, v));
        return props;
    }

    private static void store(Properties props, Path target) {
        try {
            Files.createDirectories(target.getParent());
            final Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, null);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load(Path source) {
        final Properties props = new Properties();
        try (InputStream in = Files.newInputStream(source)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastApplied = Long.parseLong(props.getProperty("@index"));
        lastTerm = Long.parseLong(props.getProperty("@term"));
        props.stringPropertyNames().stream().filter(k -> k.startsWith("k."))
                .forEach(k -> values.put(k.substring(2), props.getProperty(k)));
    }
}
