package io.atolldb.node.storage;

import java.nio.ByteBuffer;

/**
 * The Raft index and term of the last log entry whose effects a partition replica holds;
 * {@link #NONE} before the first. Stored under the partition's applied key in the same write
 * batch as the entry's data changes, so the two never disagree on disk.
 */
public record AppliedPosition(long index, long term) {
    public static final AppliedPosition NONE = new AppliedPosition(0, 0);

    /** The length of {@link #encode()}'s result. */
    static final int ENCODED_LENGTH = 2 * Long.BYTES;

    public AppliedPosition {
        if (index < 0 || term < 0) {
            throw new IllegalArgumentException("index and term must not be negative: " + index + ", " + term);
        }
    }

    /** The stored form: index then term, 8 bytes each, big-endian. */
    byte[] encode() {
        return ByteBuffer.allocate(ENCODED_LENGTH).putLong(index).putLong(term).array();
    }

    /** Reads the stored form; {@code null} (nothing stored) is {@link #NONE}. */
    static AppliedPosition decode(byte[] stored) {
        if (stored == null) {
            return NONE;
        }
        if (stored.length != ENCODED_LENGTH) {
            throw new IllegalStateException("applied position has " + stored.length + " bytes, expected "
                    + ENCODED_LENGTH);
        }
        var buffer = ByteBuffer.wrap(stored);
        return new AppliedPosition(buffer.getLong(), buffer.getLong());
    }
}
