package io.atolldb.metadata.group;

import io.atolldb.consensus.ConsensusServer;
import io.atolldb.consensus.GroupStatus;
import io.atolldb.consensus.NotLeaderException;
import io.atolldb.metadata.MetadataConfig;
import io.atolldb.metadata.catalog.Catalog;
import io.atolldb.metadata.catalog.MetadataStateMachine;
import io.atolldb.proto.MetadataCommand;
import io.atolldb.proto.MetadataError;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * This process's replica of the metadata Raft group, as the service uses it: is it the leader, where
 * is the leader, propose a command and wait for its reply.
 */
public final class MetadataGroup {
    /** The metadata group's id, the same in every cluster. */
    public static final UUID GROUP_ID = UUID.nameUUIDFromBytes("atoll/metadata".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static final Duration PROPOSE_TIMEOUT = Duration.ofSeconds(10);

    private final ConsensusServer consensus;
    private final MetadataStateMachine stateMachine;
    private final MetadataConfig config;

    public MetadataGroup(ConsensusServer consensus, MetadataStateMachine stateMachine, MetadataConfig config) {
        this.consensus = consensus;
        this.stateMachine = stateMachine;
        this.config = config;
    }

    public Catalog catalog() {
        return stateMachine.catalog();
    }

    public boolean isLeader() {
        return consensus.status(GROUP_ID).map(GroupStatus::leader).orElse(false);
    }

    /** The error a non-leader answers with, naming the leader's service address when known. */
    public MetadataError notLeader() {
        var builder = MetadataError.newBuilder().setCode(MetadataError.Code.NOT_LEADER)
                .setMessage("this metadata replica is not the leader");
        leaderAddress().ifPresent(builder::setLeaderAddress);
        return builder.build();
    }

    private Optional<String> leaderAddress() {
        return consensus.status(GROUP_ID).flatMap(GroupStatus::leaderNodeId)
                .flatMap(id -> config.peers().stream().filter(p -> p.nodeId().equals(id)).findFirst())
                .map(MetadataConfig.Peer::rpcAddress);
    }

    /**
     * Proposes {@code command} and waits until it is applied here.
     *
     * @throws ProposalFailed with the MetadataError to answer (NOT_LEADER or UNAVAILABLE)
     */
    public byte[] propose(MetadataCommand command) throws ProposalFailed {
        try {
            return consensus.propose(GROUP_ID, command.toByteArray()).get(PROPOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NotLeaderException) {
                throw new ProposalFailed(notLeader());
            }
            throw new ProposalFailed(unavailable("metadata change failed: " + e.getCause()));
        } catch (TimeoutException e) {
            throw new ProposalFailed(unavailable("metadata change timed out after " + PROPOSE_TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProposalFailed(unavailable("interrupted"));
        }
    }

    static MetadataError unavailable(String message) {
        return MetadataError.newBuilder().setCode(MetadataError.Code.UNAVAILABLE).setMessage(message).build();
    }

    /** A proposal that did not apply; carries the error to answer with. */
    public static final class ProposalFailed extends Exception {
        private final MetadataError error;

        ProposalFailed(MetadataError error) {
            super(error.getMessage());
            this.error = error;
        }

        public MetadataError error() {
            return error;
        }
    }
}
