package io.atolldb.model.codec;

import java.util.Arrays;

/** A growable byte buffer with the primitives of {@link ItemCodec}'s format: bytes and varints. */
final class ByteSink {
    private byte[] buf = new byte[64];
    private int size;

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void writeBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    /** Unsigned LEB128: 7 bits per byte, low bits first, high bit set on every byte but the last. */
    void writeVarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        writeByte((int) v);
    }

    /** A signed value as a varint, zigzag-mapped so that small magnitudes stay short. */
    void writeSignedVarint(long value) {
        writeVarint((value << 1) ^ (value >> 63));
    }

    /** A length-prefixed byte string. */
    void writeLengthPrefixed(byte[] bytes) {
        writeVarint(bytes.length);
        writeBytes(bytes);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
