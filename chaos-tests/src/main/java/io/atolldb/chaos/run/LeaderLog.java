package io.atolldb.chaos.run;

import io.atolldb.chaos.cluster.ProcessCluster;
import io.atolldb.chaos.history.HistoryRecorder;
import io.atolldb.proto.ReplicaStatus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches leadership while a run goes: every half second it asks each running storage node for its
 * status and writes a line to {@code leaders.txt} whenever a node's view of a partition changes (whether
 * it leads, whom it takes for the leader). Times are seconds on the history's clock, so the file lines
 * up with the history and the report when an unavailability needs explaining.
 */
final class LeaderLog implements AutoCloseable {
    private final ProcessCluster cluster;
    private final HistoryRecorder clock;
    private final BufferedWriter out;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, String> lastView = new HashMap<>();
    private final Thread thread;

    LeaderLog(ProcessCluster cluster, HistoryRecorder clock, Path file) throws IOException {
        this.cluster = cluster;
        this.clock = clock;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.thread = Thread.ofPlatform().name("chaos-leader-log").daemon().start(this::watch);
    }

    private void watch() {
        while (running.get()) {
            for (int i = 0; i < cluster.nodes().size(); i++) {
                String node = cluster.node(i).name();
                var status = cluster.tryNodeStatus(i);
                if (status.isEmpty()) {
                    record(node, "*", "down or not answering");
                    continue;
                }
                if (lastView.remove(node + " *") != null) {
                    write(node, "*", "answering again");
                }
                for (ReplicaStatus replica : status.get().getReplicasList()) {
                    record(node, "partition " + replica.getPartition().getPartitionId(), replica.getLeader()
                            ? "LEADS (applied " + replica.getAppliedIndex() + ")"
                            : "follows " + (replica.getLeaderNodeId().isEmpty() ? "nobody" : replica.getLeaderNodeId()));
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    private void record(String node, String what, String view) {
        String key = node + " " + what;
        String comparable = view.startsWith("LEADS") ? "LEADS" : view;
        if (!comparable.equals(lastView.put(key, comparable))) {
            write(node, what, view);
        }
    }

    private void write(String node, String what, String view) {
        try {
            out.write(String.format(java.util.Locale.ROOT, "%8.2fs %s %s: %s%n", clock.now() / 1e9, node, what, view));
            out.flush();
        } catch (IOException e) {
            running.set(false);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        running.set(false);
        thread.join(TimeUnit.SECONDS.toMillis(30));
        out.close();
    }
}
