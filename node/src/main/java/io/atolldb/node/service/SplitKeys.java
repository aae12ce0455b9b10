package io.atolldb.node.service;

import io.atolldb.model.KeyCodec;
import io.atolldb.node.partition.PartitionStateMachine;
import io.atolldb.node.storage.PartitionStore;
import io.atolldb.proto.SplitKeyResponse;

/**
 * Where to split a partition by size: the token of the stored item at the middle of its bytes. The split
 * token is a token boundary, so a partition key (all its items share one token) is never divided. When the
 * middle item's token is the partition's first, the next token is taken; when no item has a later token
 * (one partition key holds everything), there is no split key.
 */
final class SplitKeys {
    private SplitKeys() {
    }

    /** Where to split a hot partition: the token at the middle of its recent load (its sampled reads and writes). */
    static SplitKeyResponse middleOfLoad(PartitionStateMachine machine) {
        var descriptor = machine.descriptor();
        var token = machine.load().middleToken(descriptor.getTokenStart(), descriptor.getTokenEnd());
        return SplitKeyResponse.newBuilder().setFound(token.isPresent()).setSplitToken(token.orElse(0))
                .setSizeBytes(machine.stats().bytes()).build();
    }

    static SplitKeyResponse middle(PartitionStateMachine machine) {
        PartitionStore store = machine.store();
        // The stored bytes are kept exactly (the partition's stats), so one scan up to the middle suffices.
        long total = machine.stats().bytes();
        if (total <= 0) {
            return SplitKeyResponse.newBuilder().setFound(false).build();
        }
        long half = total / 2;
        long[] seen = {0};
        long[] first = {0};
        boolean[] started = {false};
        long[] found = {0};
        boolean[] ok = {false};
        store.scanAll(true, (key, value) -> {
            long token = KeyCodec.tokenOf(key);
            if (!started[0]) {
                started[0] = true;
                first[0] = token;
            }
            seen[0] += value.length;
            if (token != first[0] && seen[0] >= half) {
                found[0] = token;
                ok[0] = true;
                return false;
            }
            return true;
        });
        return SplitKeyResponse.newBuilder().setFound(ok[0]).setSplitToken(found[0]).setSizeBytes(total).build();
    }
}
