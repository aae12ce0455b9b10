package io.atolldb.node.partition;

import java.util.Optional;

import com.google.protobuf.ByteString;

import io.atolldb.proto.ReadResponse;
import io.atolldb.proto.ReadResult;
import io.atolldb.proto.RoutingError;
import io.atolldb.proto.WriteResponse;

/** Builds the serialized replies of a partition replica. */
final class Replies {
    private Replies() {
    }

    static WriteResponse writeRejected(RoutingError.Code code, String message) {
        return WriteResponse.newBuilder().setRoutingError(error(code, message)).build();
    }

    static byte[] read(Optional<byte[]> item) {
        var result = ReadResult.newBuilder().setFound(item.isPresent());
        item.ifPresent(bytes -> result.setItem(ByteString.copyFrom(bytes)));
        return ReadResponse.newBuilder().setResult(result).build().toByteArray();
    }

    /** A transactional read's reply: the committed item and the lock a transaction holds on it, if any. */
    static byte[] read(Optional<byte[]> item, Optional<io.atolldb.proto.TxnLock> lock) {
        var result = ReadResult.newBuilder().setFound(item.isPresent());
        item.ifPresent(bytes -> result.setItem(ByteString.copyFrom(bytes)));
        lock.ifPresent(result::setLock);
        return ReadResponse.newBuilder().setResult(result).build().toByteArray();
    }

    static byte[] readRejected(RoutingError.Code code, String message) {
        return ReadResponse.newBuilder().setRoutingError(error(code, message)).build().toByteArray();
    }

    private static RoutingError error(RoutingError.Code code, String message) {
        return RoutingError.newBuilder().setCode(code).setMessage(message).build();
    }
}
