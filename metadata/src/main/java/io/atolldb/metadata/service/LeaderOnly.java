package io.atolldb.metadata.service;

import io.atolldb.metadata.catalog.Catalog;
import io.atolldb.metadata.catalog.Decision;
import io.atolldb.metadata.group.MetadataGroup;
import io.atolldb.proto.MetadataError;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.time.Clock;
import java.util.function.Function;

/**
 * The one leader check of the metadata service: a call is answered by the metadata leader, from its
 * applied catalog (which includes every change it has acknowledged); other replicas answer NOT_LEADER
 * naming the leader. A rule's {@link Decision.Propose} is carried out here: the command is stamped
 * with the leader's clock, proposed, and its reply parsed into the answer.
 */
final class LeaderOnly {
    private final MetadataGroup group;
    private final Clock clock;

    LeaderOnly(MetadataGroup group, Clock clock) {
        this.group = group;
        this.clock = clock;
    }

    /** A body that decides from the leader's catalog. */
    @FunctionalInterface
    interface Rule<R> {
        Decision<R> decide(Catalog catalog) throws MetadataGroup.ProposalFailed;
    }

    /**
     * Answers {@code out} with what {@code rule} decides, on the leader; with {@code refusal} of the
     * error otherwise (not the leader, a proposal that did not apply).
     */
    <R> void serve(StreamObserver<R> out, Function<MetadataError, R> refusal, Rule<R> rule) {
        R response;
        try {
            response = decide(refusal, rule);
        } catch (Exception e) {
            out.onError(Status.INTERNAL.withDescription(e.toString()).withCause(e).asRuntimeException());
            return;
        }
        out.onNext(response);
        out.onCompleted();
    }

    private <R> R decide(Function<MetadataError, R> refusal, Rule<R> rule) throws Exception {
        if (!group.isLeader()) {
            return refusal.apply(group.notLeader());
        }
        try {
            return switch (rule.decide(group.catalog())) {
                case Decision.Answer<R> answer -> answer.response();
                case Decision.Propose<R> propose ->
                        propose.reply().parse(group.propose(propose.command().setTimestampMillis(clock.millis()).build()));
            };
        } catch (MetadataGroup.ProposalFailed e) {
            return refusal.apply(e.error());
        }
    }
}
