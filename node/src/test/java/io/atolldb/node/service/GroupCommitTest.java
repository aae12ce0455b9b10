package io.atolldb.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import io.atolldb.consensus.NotLeaderException;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.WriteResponse;
import io.atolldb.proto.WriteResponses;
import io.atolldb.proto.WriteResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The batching rules of {@link GroupCommit}, against a proposer whose entries commit when the test says
 * so. (That the state machine applies a batch as its commands one by one is BatchedEntryTest's
 * subject; the end-to-end write tests run through both.)
 */
class GroupCommitTest {
    private static final UUID GROUP = UUID.randomUUID();

    /** Remembers each proposed entry with the future that commits it. */
    private static final class HeldProposer implements GroupCommit.Proposer {
        final List<PartitionCommand> entries = new ArrayList<>();
        final List<CompletableFuture<byte[]>> commits = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<byte[]> propose(UUID groupId, byte[] entry) {
            try {
                entries.add(PartitionCommand.parseFrom(entry));
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
            var commit = new CompletableFuture<byte[]>();
            commits.add(commit);
            return commit;
        }

        /** Commits entry {@code i}, answering each of its writes with applied index = its request number. */
        void commit(int i) {
            PartitionCommand entry = entries.get(i);
            byte[] reply = entry.hasBatch()
                    ? WriteResponses.newBuilder().addAllResponses(entry.getBatch().getCommandsList().stream()
                            .map(GroupCommitTest::answer).toList()).build().toByteArray()
                    : answer(entry).toByteArray();
            commits.get(i).complete(reply);
        }
    }

    private static PartitionCommand write(int n) {
        return PartitionCommand.newBuilder().setRequestId("request-" + n).build();
    }

    private static WriteResponse answer(PartitionCommand command) {
        long n = Long.parseLong(command.getRequestId().substring("request-".length()));
        return WriteResponse.newBuilder().setResult(WriteResult.newBuilder().setAppliedIndex(n)).build();
    }

    @Test
    void anIdlePartitionProposesEachWriteAtOnceAsItsOwnEntry() {
        var proposer = new HeldProposer();
        var commit = new GroupCommit(proposer, "n1", new SimpleMeterRegistry());

        var reply = commit.submit(GROUP, write(1));

        assertThat(proposer.entries).containsExactly(write(1));
        proposer.commit(0);
        assertThat(reply.join().getResult().getAppliedIndex()).isEqualTo(1);
    }

    @Test
    void writesThatArriveWhileEntriesAreInFlightGoOutTogetherAsOneBatch() {
        var proposer = new HeldProposer();
        var registry = new SimpleMeterRegistry();
        var commit = new GroupCommit(proposer, "n1", registry);
        List<CompletableFuture<WriteResponse>> replies = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            replies.add(commit.submit(GROUP, write(n)));
        }

        assertThat(proposer.entries).as("only %d entries in flight", GroupCommit.MAX_IN_FLIGHT)
                .containsExactly(write(1), write(2));
        proposer.commit(0);

        assertThat(proposer.entries).hasSize(3);
        assertThat(proposer.entries.get(2).getBatch().getCommandsList())
                .as("the eight waiting writes, in arrival order")
                .containsExactly(write(3), write(4), write(5), write(6), write(7), write(8), write(9), write(10));
        proposer.commit(1);
        proposer.commit(2);
        for (int n = 1; n <= 10; n++) {
            assertThat(replies.get(n - 1).join().getResult().getAppliedIndex()).as("reply to write %d", n).isEqualTo(n);
        }
        assertThat(registry.get("atoll.node.group.commit.writes").summary().max()).isEqualTo(8);
    }

    @Test
    void aBatchIsCappedInCommandsAndTheRestFollowsInTheNextEntry() {
        var proposer = new HeldProposer();
        var commit = new GroupCommit(proposer, "n1", new SimpleMeterRegistry());
        int total = GroupCommit.MAX_IN_FLIGHT + GroupCommit.MAX_BATCH_COMMANDS + 5;
        for (int n = 1; n <= total; n++) {
            commit.submit(GROUP, write(n));
        }

        proposer.commit(0);
        proposer.commit(1);

        assertThat(proposer.entries).hasSize(4);
        assertThat(proposer.entries.get(2).getBatch().getCommandsCount()).isEqualTo(GroupCommit.MAX_BATCH_COMMANDS);
        assertThat(proposer.entries.get(3).getBatch().getCommandsCount()).isEqualTo(5);
    }

    @Test
    void aFailedProposalFailsEveryWriteItCarriedAndTheLaneCarriesOn() {
        var proposer = new HeldProposer();
        var commit = new GroupCommit(proposer, "n1", new SimpleMeterRegistry());
        List<CompletableFuture<WriteResponse>> replies = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            replies.add(commit.submit(GROUP, write(n)));
        }
        proposer.commit(0);                       // writes 3-5 leave together as entry 2
        proposer.commits.get(2).completeExceptionally(new CompletionException(new NotLeaderException("g", "n2")));

        for (int n = 3; n <= 5; n++) {
            assertThat(replies.get(n - 1)).as("write %d", n).isCompletedExceptionally();
        }
        var later = commit.submit(GROUP, write(6));
        assertThat(proposer.entries).as("the failed entry no longer counts as in flight").hasSize(4);
        proposer.commit(1);
        proposer.commit(3);
        assertThat(later.join().getResult().getAppliedIndex()).isEqualTo(6);
        assertThat(replies.get(1).join().getResult().getAppliedIndex()).isEqualTo(2);
    }
}
