package io.atolldb.consensus.internal;

import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests to this process's own RaftServer, made in-process (no RaftClient, no network, no retries
 * to other servers). All share one client id with increasing call ids, so Ratis' retry cache never
 * mistakes a new request for a resent one. Replies come back raw; {@link Replies} interprets them.
 */
public final class LocalCalls {
    private final RaftServer server;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final long requestTimeoutMs;

    public LocalCalls(RaftServer server, Duration requestTimeout) {
        this.server = server;
        this.requestTimeoutMs = requestTimeout.toMillis();
    }

    /** Appends {@code command} to the group's log through the local replica, which must be leader. */
    public CompletableFuture<RaftClientReply> write(RaftGroupId group, byte[] command) {
        return submit(request(group, RaftClientRequest.writeRequestType(), command));
    }

    /** A read through Ratis' configured read path (LINEARIZABLE: read index, leader lease). */
    public CompletableFuture<RaftClientReply> read(RaftGroupId group, byte[] query) {
        return submit(request(group, RaftClientRequest.readRequestType(), query));
    }

    /** Replaces the group's voting members (same ids, possibly new priorities). */
    public CompletableFuture<RaftClientReply> setPeers(RaftGroupId group, List<RaftPeer> peers) {
        try {
            return server.setConfigurationAsync(
                    new SetConfigurationRequest(clientId, server.getId(), group, nextCallId(), peers));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Replaces the group's voting members with {@code wanted}, but only if they are {@code current} now
     * (compare and set): a retried change that already happened, or one raced by another, changes nothing.
     * New members catch up (a snapshot first, then the log) before the change commits.
     */
    public CompletableFuture<RaftClientReply> changePeers(RaftGroupId group, List<RaftPeer> current, List<RaftPeer> wanted,
                                                          Duration timeout) {
        try {
            var arguments = SetConfigurationRequest.Arguments.newBuilder()
                    .setServersInCurrentConf(current).setServersInNewConf(wanted)
                    .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET).build();
            return server.setConfigurationAsync(new SetConfigurationRequest(clientId, server.getId(), group, nextCallId(), arguments));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Asks the local leader to snapshot its state machine now, whenever at least one entry was applied since
     * the last snapshot (creation gap 1: the configured gap of 1,024 entries is for automatic snapshots);
     * the reply carries the newest snapshot's index.
     */
    public CompletableFuture<RaftClientReply> snapshot(RaftGroupId group, Duration timeout) {
        return server.snapshotManagementAsync(org.apache.ratis.protocol.SnapshotManagementRequest.newCreate(
                clientId, server.getId(), group, nextCallId(), timeout.toMillis(), 1));
    }

    /** Asks the local leader to hand leadership to {@code target}, waiting up to {@code timeout}. */
    public CompletableFuture<RaftClientReply> transferLeadership(RaftGroupId group, RaftPeerId target, Duration timeout) {
        try {
            return server.transferLeadershipAsync(new TransferLeadershipRequest(
                    clientId, server.getId(), group, nextCallId(), target, timeout.toMillis()));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Starts hosting a replica of {@code group}; existing data in its directory is recovered. */
    public CompletableFuture<RaftClientReply> addGroup(RaftGroup group) {
        return groupManagement(GroupManagementRequest.newAdd(clientId, server.getId(), nextCallId(), group, false));
    }

    /** Stops hosting the replica; its directory is deleted or moved to the removed-groups directory. */
    public CompletableFuture<RaftClientReply> removeGroup(RaftGroupId group, boolean deleteData) {
        return groupManagement(GroupManagementRequest.newRemove(
                clientId, server.getId(), nextCallId(), group, deleteData, !deleteData));
    }

    private CompletableFuture<RaftClientReply> groupManagement(GroupManagementRequest request) {
        return server.groupManagementAsync(request);
    }

    private CompletableFuture<RaftClientReply> submit(RaftClientRequest request) {
        try {
            return server.submitClientRequestAsync(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private RaftClientRequest request(RaftGroupId group, RaftClientRequest.Type type, byte[] content) {
        return RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(server.getId())
                .setGroupId(group)
                .setCallId(nextCallId())
                .setMessage(Message.valueOf(ByteString.copyFrom(content)))
                .setType(type)
                .setTimeoutMs(requestTimeoutMs)
                .build();
    }

    private long nextCallId() {
        return callIds.incrementAndGet();
    }
}
