package io.atolldb.model;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * The token of a partition key: the 64-bit position on a table's ring that decides which partition
 * (and so which storage nodes) holds the key's items.
 *
 * <p><strong>Stable forever.</strong> Tokens are persisted in every storage key and in every
 * partition's token range; changing anything here (the hash function, its seed, the bytes fed to it
 * or their order) would strand existing data. The definition is: murmur3_128 (Guava, seed 0) over
 * <pre>
 *   table id (8 bytes, little-endian, Guava's putLong)
 *   type byte: 'S' (0x53), 'N' (0x4E) or 'B' (0x42)
 *   value bytes: S = UTF-8, N = the canonical text ({@link Numbers#canonical}, US-ASCII), B = raw bytes
 * </pre>
 * and the token is the first 64 bits of the hash ({@code HashCode.asLong()}), read as unsigned.
 * Numerically equal numbers (1, 1.0, 10E-1) therefore share one token.
 */
public final class Tokens {
    private static final HashFunction HASH = Hashing.murmur3_128(0);

    private Tokens() {
    }

    /**
     * The token of {@code partitionKey} in table {@code tableId}.
     *
     * @throws IllegalArgumentException when the value is not S, N or B
     */
    public static long of(long tableId, AttributeValue partitionKey) {
        var hasher = HASH.newHasher().putLong(tableId);
        switch (partitionKey) {
            case AttributeValue.S s -> hasher.putByte((byte) 'S').putBytes(s.value().getBytes(StandardCharsets.UTF_8));
            case AttributeValue.N n -> hasher.putByte((byte) 'N')
                    .putBytes(Numbers.canonical(n.value()).getBytes(StandardCharsets.US_ASCII));
            case AttributeValue.B b -> hasher.putByte((byte) 'B').putBytes(b.value().toByteArray());
            default -> throw new IllegalArgumentException("not a key type (S, N or B): " + partitionKey.typeName());
        }
        return hasher.hash().asLong();
    }
}
