package io.atolldb.consensus;

import org.awaitility.core.ConditionFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three (or more) ConsensusServers in this JVM on 127.0.0.1 with ephemeral ports and their own
 * directories, each hosting {@link RegisterMachine}s. Servers can be stopped and restarted on the
 * same port and directory, like a process killed and started again.
 */
final class TestCluster implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Awaitility polling soon and often: the default 100 ms first delay adds up over many waits. */
    static ConditionFactory eventually() {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(25));
    }

    private final Path root;
    private final UnaryOperator<ConsensusConfig> tweak;
    private final Map<String, ConsensusServer> running = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, RegisterMachine> machines = new ConcurrentHashMap<>();
    private final Map<String, Integer> factoryCalls = new ConcurrentHashMap<>();

    private TestCluster(Path root, UnaryOperator<ConsensusConfig> tweak) {
        this.root = root;
        this.tweak = tweak;
    }

    static TestCluster start(Path root, int size) {
        return start(root, size, UnaryOperator.identity());
    }

    static TestCluster start(Path root, int size, UnaryOperator<ConsensusConfig> tweak) {
        final TestCluster cluster = new TestCluster(root, tweak);
        try {
            for (int i = 1; i <= size; i++) {
                cluster.startServer("n" + i, 0);
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    List<String> nodeIds() {
        return List.copyOf(ports.keySet());
    }

    ConsensusServer server(String nodeId) {
        final ConsensusServer server = running.get(nodeId);
        assertThat(server).as("server %s is running", nodeId).isNotNull();
        return server;
    }

    /** A group with one replica per node, preferring {@code preferredLeader} (null: none). */
    GroupSpec spec(UUID groupId, String preferredLeader) {
        return new GroupSpec(groupId, nodeIds().stream()
                .map(id -> new GroupSpec.Peer(id, "127.0.0.1:" + ports.get(id))).toList(), preferredLeader);
    }

    GroupSpec spec(UUID groupId) {
        return spec(groupId, (String) null);
    }

    /** A group with one replica on each of {@code members}, no preferred leader. */
    GroupSpec spec(UUID groupId, List<String> members) {
        return new GroupSpec(groupId, members.stream()
                .map(id -> new GroupSpec.Peer(id, "127.0.0.1:" + ports.get(id))).toList());
    }

    /** Creates a group on every running server and waits until it has a leader. */
    UUID newGroup() {
        return newGroup(null);
    }

    /** Creates a group preferring {@code preferredLeader} (null: none) and waits until it has a leader. */
    UUID newGroup(String preferredLeader) {
        final GroupSpec spec = spec(UUID.randomUUID(), preferredLeader);
        running.values().forEach(s -> s.addGroup(spec).orTimeout(30, TimeUnit.SECONDS).join());
        awaitLeader(spec.groupId());
        return spec.groupId();
    }

    /** Waits until exactly one running server leads the group (and accepts proposals); returns it. */
    String awaitLeader(UUID groupId) {
        return eventually().until(() -> leaderOf(groupId), Optional::isPresent).orElseThrow();
    }

    Optional<String> leaderOf(UUID groupId) {
        final List<String> leaders = running.entrySet().stream()
                .filter(e -> e.getValue().status(groupId).map(GroupStatus::leader).orElse(false))
                .map(Map.Entry::getKey).toList();
        return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
    }

    List<String> followersOf(UUID groupId, String leader) {
        return running.keySet().stream().filter(id -> !id.equals(leader)).toList();
    }

    /** Proposes on the current leader, retrying while leadership moves; returns the reply. */
    byte[] write(UUID groupId, String key, String value) {
        return eventually().ignoreExceptions().until(() -> server(awaitLeader(groupId))
                .propose(groupId, RegisterMachine.put(key, value)).get(10, TimeUnit.SECONDS), r -> true);
    }

    RegisterMachine machine(String nodeId, UUID groupId) {
        final RegisterMachine machine = machines.get(key(nodeId, groupId));
        assertThat(machine).as("machine of %s on %s", groupId, nodeId).isNotNull();
        return machine;
    }

    int factoryCalls(String nodeId, UUID groupId) {
        return factoryCalls.getOrDefault(key(nodeId, groupId), 0);
    }

    void stop(String nodeId) {
        final ConsensusServer server = running.remove(nodeId);
        if (server != null) {
            server.close();
        }
    }

    /** Starts a stopped server again on its port and directory. */
    ConsensusServer restart(String nodeId) {
        assertThat(running).doesNotContainKey(nodeId);
        return startServer(nodeId, ports.get(nodeId));
    }

    /** Stops every running server, in parallel (each takes about a second to close its groups). */
    @Override
    public void close() {
        final List<ConsensusServer> servers = List.copyOf(running.values());
        running.clear();
        servers.parallelStream().forEach(ConsensusServer::close);
    }

    private ConsensusServer startServer(String nodeId, int port) {
        final Path dir = root.resolve(nodeId);
        final ConsensusConfig config = tweak.apply(ConsensusConfig.defaults(nodeId, "127.0.0.1", port, dir.resolve("raft")));
        try {
            final ConsensusServer server = ConsensusServer.start(config, groupId -> {
                final RegisterMachine machine = new RegisterMachine(dir.resolve("machines").resolve(groupId + ".properties"));
                machines.put(key(nodeId, groupId), machine);
                factoryCalls.merge(key(nodeId, groupId), 1, Integer::sum);
                return machine;
            });
            running.put(nodeId, server);
            ports.put(nodeId, server.raftPort());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String nodeId, UUID groupId) {
        return nodeId + "/" + groupId;
    }
}
