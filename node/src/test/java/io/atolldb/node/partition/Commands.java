package io.atolldb.node.partition;

import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.proto.DeleteItem;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.PutItem;
import io.atolldb.proto.PartitionQuery;
import io.atolldb.proto.RangeRequest;
import io.atolldb.proto.ReadRequest;
import io.atolldb.proto.ReadResponse;
import io.atolldb.proto.WriteResponse;

/** Serialized commands and reads for a partition state machine, and their decoded replies. */
final class Commands {
    private static final java.util.concurrent.atomic.AtomicLong REQUESTS = new java.util.concurrent.atomic.AtomicLong();

    private Commands() {
    }

    /** Every command a fresh request id: commands sharing one would be taken for retries of each other. */
    private static String nextRequestId() {
        return "request-" + REQUESTS.incrementAndGet();
    }

    static byte[] put(byte[] key, byte[] item) {
        return PartitionCommand.newBuilder()
                .setRequestId(nextRequestId())
                .setTimestampMillis(1_700_000_000_000L)
                .setPut(PutItem.newBuilder().setKey(ByteString.copyFrom(key)).setItem(ByteString.copyFrom(item)))
                .build().toByteArray();
    }

    static byte[] put(byte[] key, String item, boolean returnOld) {
        return PartitionCommand.newBuilder()
                .setRequestId(nextRequestId())
                .setTimestampMillis(1_700_000_000_000L)
                .setPut(PutItem.newBuilder()
                        .setKey(ByteString.copyFrom(key))
                        .setItem(item(item))
                        .setReturnOld(returnOld))
                .build().toByteArray();
    }

    static byte[] delete(byte[] key, boolean returnOld) {
        return PartitionCommand.newBuilder()
                .setRequestId(nextRequestId())
                .setDelete(DeleteItem.newBuilder().setKey(ByteString.copyFrom(key)).setReturnOld(returnOld))
                .build().toByteArray();
    }

    static byte[] read(byte[] key) {
        return PartitionQuery.newBuilder()
                .setGet(ReadRequest.newBuilder().setPartitionId(1).setKey(ByteString.copyFrom(key)))
                .build().toByteArray();
    }

    static byte[] range(byte[] from, byte[] to, boolean forward, int limit, long maxBytes) {
        return PartitionQuery.newBuilder()
                .setRange(RangeRequest.newBuilder().setPartitionId(1)
                        .setFrom(ByteString.copyFrom(from)).setTo(ByteString.copyFrom(to))
                        .setForward(forward).setLimit(limit).setMaxBytes(maxBytes))
                .build().toByteArray();
    }

    static WriteResponse writeResponse(byte[] reply) {
        try {
            return WriteResponse.parseFrom(reply);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("reply is not a WriteResponse", e);
        }
    }

    static ReadResponse readResponse(byte[] reply) {
        try {
            return ReadResponse.parseFrom(reply);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("reply is not a ReadResponse", e);
        }
    }

    /** An encoded item with one attribute, {@code v}, holding {@code text}: apply reads items' sizes. */
    static ByteString item(String text) {
        return ByteString.copyFrom(ItemCodec.encode(new Item(Map.of("v", new AttributeValue.S(text)))));
    }
}
