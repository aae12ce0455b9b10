package io.atolldb.consensus;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** PLACEHOLDER with the agreed signatures; replaced by the Ratis-backed implementation. */
public final class ConsensusServer implements AutoCloseable {
    public static ConsensusServer start(ConsensusConfig config, StateMachineFactory factory) throws IOException {
        throw new UnsupportedOperationException();
    }
    public String nodeId() { throw new UnsupportedOperationException(); }
    public int raftPort() { throw new UnsupportedOperationException(); }
    public CompletableFuture<Void> addGroup(GroupSpec spec) { throw new UnsupportedOperationException(); }
    public CompletableFuture<Void> removeGroup(UUID groupId, boolean deleteData) { throw new UnsupportedOperationException(); }
    public Set<UUID> groupIds() { throw new UnsupportedOperationException(); }
    public CompletableFuture<byte[]> propose(UUID groupId, byte[] command) { throw new UnsupportedOperationException(); }
    public CompletableFuture<byte[]> readLinearizable(UUID groupId, byte[] query) { throw new UnsupportedOperationException(); }
    public Optional<GroupStatus> status(UUID groupId) { throw new UnsupportedOperationException(); }
    public CompletableFuture<Void> transferLeadership(UUID groupId, String targetNodeId, Duration timeout) { throw new UnsupportedOperationException(); }
    public CompletableFuture<Void> transferAllLeadership(Duration timeout) { throw new UnsupportedOperationException(); }
    public void close() { }
}
