package io.atolldb.consensus;

import io.atolldb.consensus.internal.DivisionViews;
import io.atolldb.consensus.internal.ExitGuard;
import io.atolldb.consensus.internal.FirstLeaders;
import io.atolldb.consensus.internal.LeadershipPlans;
import io.atolldb.consensus.internal.LocalCalls;
import io.atolldb.consensus.internal.RaftSettings;
import io.atolldb.consensus.internal.RatisIds;
import io.atolldb.consensus.internal.Replies;
import io.atolldb.consensus.internal.StateMachineAdapter;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The Raft server of one process: one Apache Ratis RaftServer (gRPC transport) hosting a replica
 * of many groups, one per partition replica (plus the metadata group on metadata nodes).
 *
 * <p>Everything goes through the <em>local</em> replica: a proposal or read is served here if this
 * replica leads its group, and fails fast with {@link NotLeaderException} (naming the leader when
 * known) otherwise; nothing is forwarded to other servers. Futures fail with a
 * {@link CompletionException} whose cause is one of {@link NotLeaderException},
 * {@link GroupNotFoundException}, {@link InvalidCommandException} or another
 * {@link ConsensusException} (a timeout: outcome unknown). They complete on a virtual thread,
 * never on a Raft thread, so callers may chain work on them.
 *
 * <p>At {@link #start} every group found in the storage directory is re-opened (the factory is
 * called for each) and catches up from its log or the leader's snapshot, so a process killed with
 * SIGKILL and restarted rejoins its groups. A group id names one history forever: never reuse it
 * for a different group.
 */
public final class ConsensusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsensusServer.class);

    private final ConsensusConfig config;
    private final RaftServer server;
    private final LocalCalls calls;
    private final ExecutorService callbacks;

    private final FirstLeaders firstLeaders;
    private final ExecutorService snapshotWriter;

    private ConsensusServer(ConsensusConfig config, RaftServer server, ExecutorService callbacks, FirstLeaders firstLeaders,
                            ExecutorService snapshotWriter) {
        this.config = config;
        this.server = server;
        this.calls = new LocalCalls(server, config.requestTimeout());
        this.callbacks = callbacks;
        this.firstLeaders = firstLeaders;
        this.snapshotWriter = snapshotWriter;
        firstLeaders.onHandOver((group, target) -> callbacks.execute(() -> handOverFirstLeadership(group, target)));
    }

    /** Starts the server, re-opening every group in {@code config.storageDir()}. */
    public static ConsensusServer start(ConsensusConfig config, StateMachineFactory factory) throws IOException {
        Files.createDirectories(RaftSettings.groupsDir(config));
        Files.createDirectories(RaftSettings.removedGroupsDir(config));
        requireMetricsImplementation();
        ExitGuard.install();
        final FirstLeaders firstLeaders = new FirstLeaders(config.nodeId());
        // Snapshots are written off the groups' applying threads, one at a time per server.
        final ExecutorService snapshotWriter = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("snapshot-writer-" + config.nodeId()).factory());
        final RaftServer server = RaftServer.newBuilder()
                .setServerId(RatisIds.peerId(config.nodeId()))
                .setProperties(RaftSettings.of(config))
                .setStateMachineRegistry(group -> new StateMachineAdapter(
                        RatisIds.uuid(group), factory.create(RatisIds.uuid(group)), firstLeaders, snapshotWriter))
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            try {
                server.close();
            } catch (IOException | RuntimeException closeError) {
                e.addSuppressed(closeError);
            }
            snapshotWriter.shutdownNow();
            if (ExitGuard.isExitRequest(e)) {
                throw new IOException("Raft server of " + config.nodeId() + " could not start on "
                        + config.host() + ":" + config.raftPort(), e);
            }
            throw e;
        }
        final ExecutorService callbacks = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("consensus-" + config.nodeId() + "-", 0).factory());
        final ConsensusServer started = new ConsensusServer(config, server, callbacks, firstLeaders, snapshotWriter);
        LOG.info("{}: Raft server on port {} hosting {} group(s)", config.nodeId(), started.raftPort(),
                started.groupIds().size());
        return started;
    }

    /**
     * Ratis creates metric registries for every group and, without an implementation on the
     * classpath, fails deep inside group creation. Fail here instead, with the fix in the message.
     */
    private static void requireMetricsImplementation() throws IOException {
        try {
            MetricRegistries.global();
        } catch (RuntimeException | LinkageError e) {
            throw new IOException("Apache Ratis finds no metrics implementation: put "
                    + "org.apache.ratis:ratis-metrics-default on the runtime classpath", e);
        }
    }

    public String nodeId() {
        return config.nodeId();
    }

    /** The port Raft listens on: the configured one, or the one picked when it was 0. */
    public int raftPort() {
        return server.getServerRpc().getInetSocketAddress().getPort();
    }

    /**
     * Starts hosting a replica of the group; completes normally if it is already hosted. When the spec
     * names a preferred leader, the group's first leader hands leadership to it once ready (all members
     * must be given the same spec); later elections are free.
     */
    public CompletableFuture<Void> addGroup(GroupSpec spec) {
        if (spec.peers().stream().noneMatch(p -> p.nodeId().equals(nodeId()))) {
            return failed(new IllegalArgumentException(spec.groupId() + " has no peer for node " + nodeId()));
        }
        if (spec.preferredLeader() != null && !groupIds().contains(spec.groupId())) {
            firstLeaders.expect(spec.groupId(), spec.preferredLeader());
        }
        return host(spec);
    }

    private void handOverFirstLeadership(UUID groupId, String target) {
        transferLeadership(groupId, target, config.requestTimeout()).whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.info("{}: group {} stays led here; handing it to its preferred leader {} failed: {}",
                        nodeId(), groupId, target, error.toString());
            }
        });
    }

    /**
     * Starts hosting a replica of the group that is not a member yet ({@code spec} lists the members as
     * they are, without this node): it never runs for election and waits until the leader adds it
     * ({@link #changeMembers}), then receives a snapshot and the log. Had it been given a configuration
     * naming itself, its first election timeout would ask the members for votes, and a member refusing a
     * candidate outside its configuration makes Ratis shut the replica down.
     */
    public CompletableFuture<Void> joinGroup(GroupSpec spec) {
        if (spec.peers().stream().anyMatch(p -> p.nodeId().equals(nodeId()))) {
            return failed(new IllegalArgumentException(spec.groupId() + " already lists node " + nodeId() + " as a member"));
        }
        return host(spec);
    }

    private CompletableFuture<Void> host(GroupSpec spec) {
        if (groupIds().contains(spec.groupId())) {
            return CompletableFuture.completedFuture(null);
        }
        return calls.addGroup(RatisIds.group(spec)).handleAsync((reply, error) -> {
            if (Replies.isAlreadyHosted(error) || reply != null && Replies.isAlreadyHosted(reply.getException())) {
                return null;
            }
            if (error != null) {
                throw new CompletionException(Replies.toCallerError(spec.groupId(), error));
            }
            Replies.throwIfFailed(spec.groupId(), reply);
            return null;
        }, callbacks);
    }

    /**
     * Stops hosting the group's replica; completes normally if it is not hosted. With
     * {@code deleteData} its Raft log and snapshots are deleted, otherwise moved to the
     * removed-groups directory (replacing an older copy), where start-up does not look.
     */
    public CompletableFuture<Void> removeGroup(UUID groupId, boolean deleteData) {
        firstLeaders.forget(groupId);
        if (!groupIds().contains(groupId)) {
            return CompletableFuture.completedFuture(null);
        }
        if (!deleteData) {
            try {
                FileUtils.deleteFully(RaftSettings.removedGroupsDir(config).resolve(groupId.toString()));
            } catch (IOException e) {
                return failed(new ConsensusException(groupId + ": cannot clear its removed-groups copy", e));
            }
        }
        // Ratis closes the replica on the calling thread (about a second: its log writer polls
        // once a second), so call it from a callback thread and keep this method non-blocking.
        final CompletableFuture<RaftClientReply> removal = CompletableFuture
                .supplyAsync(() -> calls.removeGroup(RatisIds.groupId(groupId), deleteData), callbacks)
                .thenCompose(Function.identity());
        return finish(groupId, removal, config.requestTimeout(), reply -> null);
    }

    /** The groups this server hosts a replica of. */
    public Set<UUID> groupIds() {
        return StreamSupport.stream(server.getGroupIds().spliterator(), false)
                .map(RatisIds::uuid).collect(Collectors.toUnmodifiableSet());
    }

    /** Appends {@code command} through the local replica, if leader; completes with apply()'s reply. */
    public CompletableFuture<byte[]> propose(UUID groupId, byte[] command) {
        if (command.length > RaftSettings.MAX_COMMAND_BYTES) {
            return failed(new ConsensusException(groupId + ": command of " + command.length
                    + " bytes exceeds the limit of " + RaftSettings.MAX_COMMAND_BYTES));
        }
        return ifLeader(groupId, division -> finish(groupId, calls.write(division.getMemberId().getGroupId(), command),
                config.requestTimeout(), reply -> Replies.content(groupId, reply)));
    }

    /** A linearizable read on the local replica, if leader (read index, or the leader lease). */
    public CompletableFuture<byte[]> readLinearizable(UUID groupId, byte[] query) {
        return ifLeader(groupId, division -> finish(groupId, calls.read(division.getMemberId().getGroupId(), query),
                config.requestTimeout(), reply -> Replies.content(groupId, reply)));
    }

    /**
     * This replica's view of its group; empty when the group is not hosted or not yet started.
     * {@code leader} is true only once this replica leads and has committed an entry of its term,
     * that is, when it accepts proposals.
     */
    public Optional<GroupStatus> status(UUID groupId) {
        return division(groupId).flatMap(division -> DivisionViews.status(groupId, division));
    }

    /**
     * Changes the group's members from {@code current} to {@code wanted}, through this replica, which must
     * lead (membership change, Raft section 4.3 via Ratis' joint consensus). Members new to the group must
     * host it already (see {@link #addGroup}); each receives the leader's newest snapshot, then the log,
     * before the change commits, so the group never counts a member that is not caught up. Compare and set:
     * completes normally when the members already are {@code wanted} (a retry), and fails when they are
     * neither (someone else changed them). Take a {@link #snapshot} first when the state a new member
     * needs is not all in the log (a partition split off another). A leader that {@code wanted} leaves out
     * hands leadership to a staying member instead and fails with {@link NotLeaderException} naming it: ask
     * again there.
     */
    public CompletableFuture<Void> changeMembers(UUID groupId, List<GroupSpec.Peer> current, List<GroupSpec.Peer> wanted,
                                                 Duration timeout) {
        return ifLeader(groupId, division -> {
            final List<GroupSpec.Peer> actual = DivisionViews.members(division);
            if (nodeIds(actual).equals(nodeIds(wanted))) {
                return CompletableFuture.completedFuture(null);
            }
            if (!nodeIds(actual).equals(nodeIds(current))) {
                return failed(new ConsensusException(groupId + ": members are " + nodeIds(actual) + ", not "
                        + nodeIds(current) + " as the change expects"));
            }
            final Optional<CompletableFuture<Void>> handOver = handOverIfLeaving(groupId, division, wanted, timeout);
            if (handOver.isPresent()) {
                return handOver.get();
            }
            // Compare and set against the configuration exactly as Ratis holds it, so a change made
            // meanwhile by someone else makes this one fail rather than undo it.
            return finish(groupId, calls.changePeers(division.getMemberId().getGroupId(),
                    List.copyOf(division.getRaftConf().getCurrentPeers()), wanted.stream().map(RatisIds::peer).toList(), timeout),
                    timeout.plus(config.requestTimeout()), reply -> (Void) null);
        });
    }

    /**
     * On the group's leader: completes at once when this replica stays in {@code wanted}; otherwise hands
     * leadership to a staying member and fails with a {@link NotLeaderException} naming it. Callers run it
     * before the work a membership change needs on its leader (the snapshot a new member receives), so
     * that work is done once, by the leader that stays, and not again after the change hands over.
     */
    public CompletableFuture<Void> handOverIfLeaving(UUID groupId, List<GroupSpec.Peer> wanted, Duration timeout) {
        return ifLeader(groupId, division -> handOverIfLeaving(groupId, division, wanted, timeout)
                .orElseGet(() -> CompletableFuture.completedFuture(null)));
    }

    /**
     * A leader that removes itself steps down once the change commits, and the group then waits an
     * election timeout for a new leader. So it hands over to a staying member first; the caller follows
     * the NOT_LEADER answer to it and asks again there. Empty when this replica stays (or no member
     * that stays can take over: the change then goes ahead without a handover).
     */
    private Optional<CompletableFuture<Void>> handOverIfLeaving(UUID groupId, RaftServer.Division division,
                                                                List<GroupSpec.Peer> wanted, Duration timeout) {
        if (nodeIds(wanted).contains(nodeId())) {
            return Optional.empty();
        }
        final Optional<String> staying = LeadershipPlans.successor(DivisionViews.followers(division, config.electionTimeoutMin())
                .stream().filter(f -> nodeIds(wanted).contains(f.nodeId())).toList());
        return staying.map(to -> transferLeadership(groupId, to, timeout).thenCompose(ignored ->
                failed(new NotLeaderException(groupId.toString(), to))));
    }

    private static Set<String> nodeIds(List<GroupSpec.Peer> peers) {
        return peers.stream().map(GroupSpec.Peer::nodeId).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * Snapshots the group's state machine on this replica, which must lead, and completes with the index
     * the newest snapshot holds. A member added afterwards receives this snapshot before any log entry.
     */
    public CompletableFuture<Long> snapshot(UUID groupId, Duration timeout) {
        return ifLeader(groupId, division -> {
            // Written off the applying thread first (see StateMachineAdapter#takeSnapshot); Ratis' request
            // then only publishes it.
            final long applied = division.getInfo().getLastAppliedIndex();
            return ((StateMachineAdapter) division.getStateMachine()).prepareSnapshot(applied)
                    .thenCompose(ignored -> finish(groupId, calls.snapshot(division.getMemberId().getGroupId(), timeout),
                            timeout.plus(config.requestTimeout()), reply -> reply.getLogIndex()));
        });
    }

    /**
     * The members this replica, leading the group, heard from within the minimum election timeout; empty
     * when it does not lead the group here.
     */
    public Set<String> reachableFollowers(UUID groupId) {
        return division(groupId).filter(d -> d.getInfo().isLeader()).map(this::reachableFollowers).orElse(Set.of());
    }

    private Set<String> reachableFollowers(RaftServer.Division division) {
        return DivisionViews.followers(division, config.electionTimeoutMin()).stream()
                .filter(LeadershipPlans.Follower::responsive).map(LeadershipPlans.Follower::nodeId)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The group's voting members as this replica's configuration lists them; empty when not hosted. */
    public List<GroupSpec.Peer> members(UUID groupId) {
        return division(groupId).map(DivisionViews::members).orElse(List.of());
    }

    /**
     * Hands leadership of the group, which this replica must lead, to {@code targetNodeId}. Ratis hands
     * over only to a peer of the highest priority: in a group whose peers have priorities, the target
     * first becomes one (a configuration change). Completes once a new leader is known; fails at once when
     * the leader has not heard from the target within the minimum election timeout (a pending transfer
     * holds up every write).
     */
    public CompletableFuture<Void> transferLeadership(UUID groupId, String targetNodeId, Duration timeout) {
        return ifLeader(groupId, division -> {
            final RaftGroupId group = division.getMemberId().getGroupId();
            final RaftPeerId target = RatisIds.peerId(targetNodeId);
            final var peers = division.getRaftConf().getCurrentPeers();
            if (target.equals(division.getId())) {
                return CompletableFuture.completedFuture(null);
            }
            if (peers.stream().noneMatch(p -> p.getId().equals(target))) {
                return failed(new IllegalArgumentException(groupId + ": " + targetNodeId + " is not a member"));
            }
            // While a transfer is pending Ratis refuses every write, until the target takes over or the
            // transfer times out: never start one towards a member this leader cannot reach.
            if (!reachableFollowers(division).contains(targetNodeId)) {
                return failed(new ConsensusException(groupId + ": " + targetNodeId
                        + " has not answered this leader lately; leadership stays here"));
            }
            final CompletableFuture<Void> preferred = LeadershipPlans.preferring(peers, target)
                    .map(raised -> finish(groupId, calls.setPeers(group, raised), config.requestTimeout(), r -> (Void) null))
                    .orElse(CompletableFuture.completedFuture(null));
            return preferred.thenCompose(ignored -> finish(groupId, calls.transferLeadership(group, target, timeout),
                    timeout.plus(config.requestTimeout()), r -> null));
        });
    }

    /**
     * Hands every group this replica leads to its best other member (responsive, highest priority,
     * most caught up); used before a planned shutdown. Fails, after trying all, if any group could
     * not be handed over.
     */
    public CompletableFuture<Void> transferAllLeadership(Duration timeout) {
        final Map<UUID, CompletableFuture<Void>> transfers = new TreeMap<>();
        for (UUID groupId : groupIds()) {
            division(groupId).filter(d -> d.getInfo().isLeader())
                    .flatMap(this::successor)
                    .ifPresent(target -> transfers.put(groupId, transferLeadership(groupId, target, timeout)));
        }
        return CompletableFuture.allOf(transfers.values().stream()
                        .map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .thenApply(ignored -> {
                    final List<UUID> failedGroups = transfers.entrySet().stream()
                            .filter(e -> e.getValue().isCompletedExceptionally()).map(Map.Entry::getKey).toList();
                    if (!failedGroups.isEmpty()) {
                        throw new CompletionException(new ConsensusException(
                                nodeId() + " still leads " + failedGroups + " after trying to hand them over"));
                    }
                    return null;
                });
    }

    /** Stops every group replica (each applies what is committed first) and the Raft server. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("{}: error while closing the Raft server", nodeId(), e);
        } finally {
            snapshotWriter.shutdown();
            callbacks.shutdown();
            try {
                if (!callbacks.awaitTermination(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{}: callbacks still running after close", nodeId());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Optional<RaftServer.Division> division(UUID groupId) {
        if (!groupIds().contains(groupId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(server.getDivision(RatisIds.groupId(groupId)));
        } catch (IOException | RuntimeException notAvailable) {
            return Optional.empty();
        }
    }

    /** Runs {@code call} on the group's local replica if it leads; else fails with the right error. */
    private <T> CompletableFuture<T> ifLeader(UUID groupId, Function<RaftServer.Division, CompletableFuture<T>> call) {
        final Optional<RaftServer.Division> division = division(groupId);
        if (division.isEmpty()) {
            return failed(new GroupNotFoundException(groupId.toString()));
        }
        final DivisionInfo info = division.get().getInfo();
        if (!info.isLeader()) {
            final RaftPeerId leader = info.getLeaderId();
            final boolean known = leader != null && !leader.equals(division.get().getId());
            return failed(new NotLeaderException(groupId.toString(), known ? leader.toString() : null));
        }
        return call.apply(division.get());
    }

    /** Waits for a Ratis reply (at most {@code deadline}) and maps it, completing on a callback thread. */
    private <T> CompletableFuture<T> finish(UUID groupId, CompletableFuture<RaftClientReply> call, Duration deadline,
                                            Function<RaftClientReply, T> onReply) {
        return call.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS).handleAsync((reply, error) -> {
            if (error != null) {
                throw new CompletionException(Replies.toCallerError(groupId, error));
            }
            Replies.throwIfFailed(groupId, reply);
            return onReply.apply(reply);
        }, callbacks);
    }

    private Optional<String> successor(RaftServer.Division division) {
        return LeadershipPlans.successor(DivisionViews.followers(division, config.electionTimeoutMin()));
    }

    private static <T> CompletableFuture<T> failed(Exception error) {
        return CompletableFuture.failedFuture(new CompletionException(error));
    }
}
