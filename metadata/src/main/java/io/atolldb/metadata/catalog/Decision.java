package io.atolldb.metadata.catalog;

import com.google.protobuf.InvalidProtocolBufferException;
import io.atolldb.proto.MetadataCommand;

/**
 * What a catalog rule decided about a request: answer it now, or change the catalog by proposing a
 * command to the metadata group and answer with the reply its apply step gives. The rules stay pure
 * functions of the catalog; only the leader-only service wrapper talks to Raft.
 */
public sealed interface Decision<R> {

    /** Answer with {@code response}; the catalog does not change. */
    record Answer<R>(R response) implements Decision<R> {
    }

    /** Propose {@code command} (the wrapper stamps its time) and answer with its reply, parsed. */
    record Propose<R>(MetadataCommand.Builder command, ReplyParser<R> reply) implements Decision<R> {
    }

    @FunctionalInterface
    interface ReplyParser<R> {
        R parse(byte[] reply) throws InvalidProtocolBufferException;
    }

    static <R> Decision<R> answer(R response) {
        return new Answer<>(response);
    }

    static <R> Decision<R> propose(MetadataCommand.Builder command, ReplyParser<R> reply) {
        return new Propose<>(command, reply);
    }
}
