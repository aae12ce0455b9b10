package io.atolldb.consensus.internal;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.grpc.server.GrpcLogAppender;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.rpc.RpcFactory;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;
import org.apache.ratis.server.raftlog.RaftLogIOException;

/**
 * Ratis' gRPC transport with one change: a leader tells its followers about a commit at once, instead of
 * with the next append or heartbeat.
 *
 * <p>Why: a follower learns that an entry is committed from the commit index the leader sends with its
 * next append. When writes stop, that next message is a heartbeat, up to half an election timeout later
 * (500 ms here), so a follower applies -- and an eventually consistent read there sees -- the last
 * writes only then. Here, when the leader's commit index passes what a follower was last told and
 * there is nothing else to send it, the leader sends that follower a heartbeat carrying the new commit
 * index right away: one small message per follower per commit when idle, none under steady load (the
 * next append already carries it).
 *
 * <p>Ratis picks its transport by the class named in {@code raft.rpc.type}; {@link RaftSettings} names
 * this one.
 */
public final class PromptCommitRpc implements RpcType {

    @Override
    public String name() {
        return "GRPC";
    }

    @Override
    public RpcFactory newFactory(Parameters parameters) {
        return new Factory(parameters);
    }

    /** The gRPC factory, with {@link CommitAnnouncingAppender} as the leader's appender to each follower. */
    static final class Factory extends GrpcFactory {
        Factory(Parameters parameters) {
            super(parameters);
        }

        @Override
        public LogAppender newLogAppender(RaftServer.Division server, LeaderState state, FollowerInfo follower) {
            return new CommitAnnouncingAppender(server, state, follower);
        }
    }

    /**
     * Sends a heartbeat as soon as the leader's commit index is ahead of the follower's and no append is
     * pending or in flight to it (an append carries the commit index itself). The appender's loop is
     * already woken on every commit; Ratis' own appender then finds nothing to send until the heartbeat
     * is due.
     */
    static final class CommitAnnouncingAppender extends GrpcLogAppender {
        /** The highest commit index sent to this follower; one appender lives for one leadership term. */
        private volatile long announced = -1;

        CommitAnnouncingAppender(RaftServer.Division server, LeaderState state, FollowerInfo follower) {
            super(server, state, follower);
        }

        private boolean commitToAnnounce() {
            long committed = getRaftLog().getLastCommittedIndex();
            return committed > announced
                    && committed > getFollower().getCommitIndex()
                    && !hasAppendEntries()
                    && !hasPendingDataRequests();
        }

        @Override
        public long getHeartbeatWaitTimeMs() {
            return commitToAnnounce() ? 0 : super.getHeartbeatWaitTimeMs();
        }

        @Override
        public AppendEntriesRequestProto newAppendEntriesRequest(long callId, boolean heartbeat) throws RaftLogIOException {
            AppendEntriesRequestProto request = super.newAppendEntriesRequest(callId, heartbeat);
            if (request != null && request.getLeaderCommit() > announced) {
                announced = request.getLeaderCommit();
            }
            return request;
        }
    }
}
