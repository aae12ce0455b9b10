package io.atolldb.model.codec;

import java.util.Arrays;

/**
 * Reads what {@link ByteSink} wrote. Never trusts the input: every read is bounds-checked and a
 * malformed buffer fails with an {@link IllegalArgumentException}, never a huge allocation.
 */
final class ByteSource {
    private final byte[] buf;
    private int position;

    ByteSource(byte[] buf) {
        this.buf = buf;
    }

    int readByte() {
        require(1);
        return buf[position++] & 0xFF;
    }

    byte[] readBytes(int count) {
        require(count);
        byte[] bytes = Arrays.copyOfRange(buf, position, position + count);
        position += count;
        return bytes;
    }

    long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw corrupt("varint longer than 10 bytes");
    }

    long readSignedVarint() {
        long zigzag = readVarint();
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    /**
     * A count or length that must fit in what is left of the buffer, given that each counted thing
     * takes at least {@code minBytesEach} bytes.
     */
    int readCount(int minBytesEach) {
        long count = readVarint();
        if (count < 0 || count > remaining() || count * minBytesEach > remaining()) {
            throw corrupt("count " + count + " exceeds the " + remaining() + " bytes left");
        }
        return (int) count;
    }

    byte[] readLengthPrefixed() {
        return readBytes(readCount(1));
    }

    int remaining() {
        return buf.length - position;
    }

    IllegalArgumentException corrupt(String why) {
        return new IllegalArgumentException("corrupt item encoding at offset " + position + ": " + why);
    }

    private void require(int count) {
        if (count > remaining()) {
            throw corrupt("needs " + count + " byte(s), " + remaining() + " left");
        }
    }
}
