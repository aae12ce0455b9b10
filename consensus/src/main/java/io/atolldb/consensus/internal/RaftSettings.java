package io.atolldb.consensus.internal;

import io.atolldb.consensus.ConsensusConfig;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every Ratis setting AtollDB uses, in one place, each with the reason for its value. Nothing else
 * in the code base creates or changes {@link RaftProperties}.
 *
 * <p>Storage layout under {@link ConsensusConfig#storageDir()}:
 * <pre>
 *   groups/&lt;group uuid&gt;/current/...   Ratis log segments and metadata of one group
 *   groups/&lt;group uuid&gt;/sm/...        that group's snapshots (see {@link SnapshotStore})
 *   removed-groups/&lt;group uuid&gt;/       groups removed with their data kept; never re-opened
 * </pre>
 */
public final class RaftSettings {

    /**
     * Largest log entry a group accepts, with room for Ratis' own framing. An entry must fit the
     * log writer's buffer; a larger one would fail the log worker, so proposals are checked first.
     */
    public static final int MAX_COMMAND_BYTES = 4 * 1024 * 1024 - 64 * 1024;

    private static final SizeInBytes APPEND_BATCH_BYTES = SizeInBytes.valueOf("4MB");

    private RaftSettings() {
    }

    /** Directory Ratis scans at start-up: every sub-directory named by a UUID is a group it re-opens. */
    public static Path groupsDir(ConsensusConfig config) {
        return config.storageDir().resolve("groups");
    }

    /** Where a group removed with {@code deleteData = false} is moved, out of reach of the start-up scan. */
    public static Path removedGroupsDir(ConsensusConfig config) {
        return config.storageDir().resolve("removed-groups");
    }

    /** The properties of the one RaftServer of a process. */
    public static RaftProperties of(ConsensusConfig config) {
        final RaftProperties p = new RaftProperties();

        // Transport: gRPC (ratis-netty does not resolve on our machines), with commits announced to
        // followers at once (PromptCommitRpc: eventually consistent reads on followers see a write
        // within milliseconds, not at the next heartbeat). One port serves Raft, admin and client
        // traffic; heartbeats use their own channel (the Ratis default) so that a large append cannot
        // delay them into a spurious election.
        p.set(RaftConfigKeys.Rpc.TYPE_KEY, PromptCommitRpc.class.getName());
        GrpcConfigKeys.Server.setHost(p, config.host());
        GrpcConfigKeys.Server.setPort(p, config.raftPort());
        GrpcConfigKeys.Server.setHeartbeatChannel(p, true);

        // Storage: one root for all groups; removed groups are moved aside instead of deleted when
        // the caller keeps their data, so a restart does not bring them back.
        RaftServerConfigKeys.setStorageDir(p, List.of(groupsDir(config).toFile()));
        RaftServerConfigKeys.setRemovedGroupsDir(p, removedGroupsDir(config).toFile());

        // Elections: randomised timeout in [min, max). 1-2 s by default: 150-300 ms (the Ratis
        // default) caused spurious elections on loaded 2-core machines. Pre-vote (the default) keeps
        // a node that rejoins from disrupting a healthy leader.
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, toRatis(config.electionTimeoutMin()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, toRatis(config.electionTimeoutMax()));
        RaftServerConfigKeys.LeaderElection.setPreVote(p, true);
        // Until a replica has heard of any leader since it started (a new group, a restart), it
        // waits only 10-75% of the minimum: new partitions get a leader quickly (the wide range
        // makes split votes between replicas started together unlikely). Safe with pre-vote: a
        // restarted replica cannot win against a healthy leader its peers still follow.
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, toRatis(config.electionTimeoutMin().dividedBy(10)));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p,
                toRatis(config.electionTimeoutMin().multipliedBy(3).dividedBy(4)));
        // A leader that steps down because it lost a majority's heartbeats runs for election again
        // like any follower, after one election timeout (the Ratis default holds it back 10 s). The
        // hold-back guards against a cut-off leader disrupting the others, which pre-vote already
        // does; with it, a leader whose one peer paused while the other was restarting (and still
        // behind, so it cannot win) kept the partition leaderless for 10 s under chaos.
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, toRatis(config.electionTimeoutMin()));

        // Deadline of one server-to-server RPC (appendEntries, installSnapshot chunk) and of reads.
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, toRatis(config.requestTimeout()));
        GrpcConfigKeys.Server.setInstallSnapshotRequestTimeout(p, toRatis(config.requestTimeout()));
        RaftServerConfigKeys.Read.setTimeout(p, toRatis(config.requestTimeout()));

        // Reads: LINEARIZABLE uses the Raft read index (section 6.4 of the Raft thesis). The leader
        // lease is off by default in 3.2.2; with it a leader that heard from a majority within the
        // lease (0.9 x min election timeout, the default ratio) answers without a heartbeat round.
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);

        // Log replication throughput, measured on our machines (3-6x at 8-32 groups with both off):
        // - compose on: every follower append runs thenComposeAsync on the JDK common pool, which has
        //   parallelism 1 on 2 CPUs, so the JDK starts a new OS thread per append.
        // - log-metadata on: one more replicated, fsynced entry per commit. Cost of turning it off:
        //   the commit index cannot be recovered from the log if a majority is lost (Apache Ozone
        //   turns it off too).
        RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(p, false);
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);

        // Durability: the log worker fsyncs before it reports an entry flushed (neither unsafe nor
        // async flush), so an acknowledged write is on disk on a majority.
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);

        // Log files: modest segments so purging after a snapshot frees space in small steps. Each
        // group's log writer holds one direct buffer; it must fit the largest append batch plus 8
        // bytes of framing. 4 MB + 64 KB instead of the default 8 MB halves memory per group.
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("8MB"));
        // Closed segments whose entries stay cached in memory, per group (defaults: 6 and 200 MB,
        // too much with many groups per node); evicted entries are read back from disk if needed.
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, 2);
        RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, SizeInBytes.valueOf("32MB"));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf("1MB"));
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, APPEND_BATCH_BYTES);
        RaftServerConfigKeys.Log.setWriteBufferSize(p,
                SizeInBytes.valueOf(APPEND_BATCH_BYTES.getSize() + 64 * 1024));

        // Snapshots: taken automatically every `threshold` applied entries. The log is then purged
        // up to the snapshot even if a follower is behind (the default waits for every follower,
        // so one dead replica would let the log grow without bound), but the last `threshold`
        // entries are always kept: a follower less than a snapshot interval behind catches up
        // from the log; only one further behind receives the whole snapshot. The purge gap never
        // exceeds one snapshot interval, else small thresholds would never purge. No snapshot on
        // stop or remove: restart replays the log tail (entries the machine holds are skipped).
        final long threshold = config.snapshotAutoTriggerThreshold();
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, threshold);
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, false);
        RaftServerConfigKeys.Snapshot.setTriggerWhenRemoveEnabled(p, false);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgePreservationLogNum(p, threshold);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, threshold));

        // Install snapshot: the leader streams its snapshot files to a follower whose next entry
        // was purged. 1 MB chunks (default 16 MB) bound memory: up to 8 chunks are in flight.
        // A leader retries a follower that does not answer after its heartbeat wait plus this error
        // wait (random, 0.5-1.5x): 1 ms for the first ten failures, then 250 ms for good. The Ratis
        // default climbs to 5 s after 30 failures, so a follower restarted after ten seconds down
        // went unheard by its leaders for up to 5 s more, and stayed behind: if a second replica
        // then failed, the restarted one could not win an election. Costs a cheap refused connect
        // per dead follower per ~0.75 s, about what a heartbeat to a live one costs.
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(p, "1ms,10, 250ms,2000000000");

        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
        RaftServerConfigKeys.Log.Appender.setSnapshotChunkSizeMax(p, SizeInBytes.valueOf("1MB"));

        // Retry cache: it keeps every reply of the last minute on every replica (default 60 s), for
        // clients that resend a request with the same call id. We never resend (each proposal has
        // a fresh call id), so it only has to outlive one request.
        RaftServerConfigKeys.RetryCache.setExpiryTime(p, toRatis(config.requestTimeout().multipliedBy(2)));

        // Threads: keep the cached pools (the defaults). They create threads only under load and
        // let them die after 60 s idle. A fixed pool would pin threads in every idle group, and a
        // bounded cached pool in 3.2.2 (core 0, unbounded queue) never grows beyond one thread.
        RaftServerConfigKeys.ThreadPool.setProxyCached(p, true);
        RaftServerConfigKeys.ThreadPool.setServerCached(p, true);
        RaftServerConfigKeys.ThreadPool.setClientCached(p, true);
        return p;
    }

    static TimeDuration toRatis(Duration duration) {
        return TimeDuration.valueOf(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
}
