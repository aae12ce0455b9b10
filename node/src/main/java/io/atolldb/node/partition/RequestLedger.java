package io.atolldb.node.partition;

import io.atolldb.model.KeyCodec;
import io.atolldb.node.storage.Mutation;
import io.atolldb.node.storage.PartitionStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Makes retried writes idempotent. A router that gets no answer (a timeout, a leader that died) cannot
 * know whether its write was applied, so it sends the same command again, with the same request id;
 * the entry may then be in the log twice. The ledger keeps the reply of every applied request id for
 * {@link #RETENTION}, in the partition's metadata and in the same write batch as the write itself, so
 * the second copy is answered with the first one's reply and changes nothing: a conditional increment
 * is never applied twice.
 *
 * <p>Expiry is deterministic: it runs in apply, against the timestamp carried in the command, never
 * against a local clock. The ledger is part of the partition's snapshot like all its metadata.
 *
 * <p>Not thread-safe: used by the thread that applies entries.
 */
final class RequestLedger {
    /** How long a reply is kept: far longer than any router retries one request. */
    static final Duration RETENTION = Duration.ofMinutes(10);
    /** At most this many expired replies are dropped per applied entry, to bound apply's work. */
    private static final int EXPIRE_BATCH = 16;

    private static final long UNKNOWN = Long.MIN_VALUE;

    private final PartitionStore store;
    private final long partitionId;
    /**
     * No expiry marker in the store is older than this ({@link Long#MAX_VALUE}: there is none), or
     * {@link #UNKNOWN}. Kept in memory only, so that apply needs no scan of the markers (a RocksDB
     * iterator per entry, over the tombstones of expired ones) while nothing can have expired; it
     * only ever skips work whose result would be empty, so every replica still expires the same
     * replies at the same entry.
     */
    private long earliest = UNKNOWN;

    RequestLedger(PartitionStore store) {
        this.store = store;
        this.partitionId = store.bounds().partitionId();
    }

    /** The reply given when {@code requestId} was applied, if it was and is still remembered. */
    Optional<byte[]> replyTo(String requestId) {
        if (requestId.isEmpty()) {
            return Optional.empty();
        }
        return store.getMetadata(replyKey(requestId)).map(value -> Arrays.copyOfRange(value, 8, value.length));
    }

    /** The mutations that remember {@code reply} for {@code requestId}, applied at {@code timestampMillis}. */
    List<Mutation> remember(String requestId, long timestampMillis, byte[] reply) {
        if (requestId.isEmpty()) {
            return List.of();
        }
        byte[] value = ByteBuffer.allocate(8 + reply.length).putLong(timestampMillis).put(reply).array();
        if (earliest != UNKNOWN && timestampMillis < earliest) {
            earliest = timestampMillis; // timestamps come from routers' clocks: not always ascending
        }
        return List.of(new Mutation.Put(replyKey(requestId), value),
                new Mutation.Put(expiryKey(timestampMillis, requestId), new byte[0]));
    }

    /** The mutations that drop the reply kept for {@code requestId} now (its expiry marker stays, harmless). */
    List<Mutation> forget(String requestId) {
        return List.of(new Mutation.Delete(replyKey(requestId)));
    }

    /**
     * The mutations that forget replies older than {@link #RETENTION} before {@code nowMillis}: the
     * oldest ones, at most {@link #EXPIRE_BATCH}. The same as a scan of every expiry marker from the
     * first, but the scan starts at {@link #earliest} and is skipped when nothing can have expired.
     */
    List<Mutation> expire(long nowMillis) {
        long cutoff = nowMillis - RETENTION.toMillis();
        if (earliest != UNKNOWN && earliest >= cutoff) {
            return List.of();
        }
        byte[] prefix = KeyCodec.partitionMetaKey(partitionId, KeyCodec.META_REQUEST_EXPIRY);
        byte[] from = earliest == UNKNOWN ? prefix : expiryKey(earliest, "");
        List<Mutation> forget = new ArrayList<>();
        long[] stoppedAt = {Long.MAX_VALUE};
        store.scanMetadata(from, KeyCodec.prefixEnd(prefix), (key, value) -> {
            ByteBuffer entry = ByteBuffer.wrap(key, prefix.length, key.length - prefix.length);
            long timestamp = entry.getLong();
            if (timestamp >= cutoff || forget.size() >= 2 * EXPIRE_BATCH) {
                stoppedAt[0] = timestamp;
                return false;
            }
            String requestId = StandardCharsets.UTF_8.decode(entry).toString();
            forget.add(new Mutation.Delete(key));
            forget.add(new Mutation.Delete(replyKey(requestId)));
            return true;
        });
        // Every marker left has a timestamp of at least the one the scan stopped at (none left: MAX_VALUE).
        earliest = stoppedAt[0];
        return forget;
    }

    /**
     * Forgets what this ledger knows of the store without reading it: after a snapshot replaced the
     * partition's state, or after an entry whose changes may not have been written.
     */
    void reset() {
        earliest = UNKNOWN;
    }

    private byte[] replyKey(String requestId) {
        byte[] prefix = KeyCodec.partitionMetaKey(partitionId, KeyCodec.META_REQUEST_REPLY);
        byte[] id = requestId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefix.length + id.length).put(prefix).put(id).array();
    }

    private byte[] expiryKey(long timestampMillis, String requestId) {
        byte[] prefix = KeyCodec.partitionMetaKey(partitionId, KeyCodec.META_REQUEST_EXPIRY);
        byte[] id = requestId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefix.length + 8 + id.length).put(prefix).putLong(timestampMillis).put(id).array();
    }
}
