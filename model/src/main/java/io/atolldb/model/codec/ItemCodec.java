package io.atolldb.model.codec;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Bytes;
import io.atolldb.model.Item;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact binary form of an item (or key, or single value): how items are stored in RocksDB and
 * sent from router to node. Decoding returns exactly what was encoded: all ten types, nested M and L,
 * empty strings and binaries, the order of set members and of map attributes.
 *
 * <p>The format is persisted, so it only ever grows (new version or new type codes, never reused):
 * <pre>
 *   document = version (1 byte, {@value #VERSION}) attributes
 *   attributes = count (varint) { name value }
 *   name     = length (varint) UTF-8 bytes
 *   value    = type code (1 byte) payload
 *     0x01 S     length, UTF-8 bytes         0x06 M     attributes
 *     0x02 N     number                      0x07 L     count { value }
 *     0x03 B     length, bytes               0x08 SS    count { length, UTF-8 bytes }
 *     0x04 BOOL  one byte, 0 or 1            0x09 NS    count { number }
 *     0x05 NULL  nothing                     0x0A BS    count { length, bytes }
 *   number   = scale (zigzag varint) length (varint) unscaled value (two's complement, big-endian)
 * </pre>
 * Varints are unsigned LEB128. Strings are UTF-8, so a string holding an unpaired UTF-16 surrogate
 * (not valid Unicode; DynamoDB's own JSON would not carry one either) does not round-trip. Values may
 * nest at most {@value #MAX_DEPTH} levels, well above DynamoDB's 32, so that a decoder cannot be
 * driven into a stack overflow.
 */
public final class ItemCodec {
    public static final int VERSION = 1;
    public static final int MAX_DEPTH = 100;

    private static final int TYPE_S = 0x01;
    private static final int TYPE_N = 0x02;
    private static final int TYPE_B = 0x03;
    private static final int TYPE_BOOL = 0x04;
    private static final int TYPE_NULL = 0x05;
    private static final int TYPE_M = 0x06;
    private static final int TYPE_L = 0x07;
    private static final int TYPE_SS = 0x08;
    private static final int TYPE_NS = 0x09;
    private static final int TYPE_BS = 0x0A;

    private ItemCodec() {
    }

    public static byte[] encode(Item item) {
        return encodeAttributes(item.attributes());
    }

    public static Item decode(byte[] bytes) {
        return new Item(decodeAttributes(bytes));
    }

    /** A key (attribute names to key values) in the same format as an item. */
    public static byte[] encodeKey(Map<String, AttributeValue> key) {
        return encodeAttributes(key);
    }

    public static Map<String, AttributeValue> decodeKey(byte[] bytes) {
        return decodeAttributes(bytes);
    }

    /** One value on its own: the version byte, then the value. */
    public static byte[] encodeValue(AttributeValue value) {
        var sink = new ByteSink();
        sink.writeByte(VERSION);
        writeValue(sink, value, 1);
        return sink.toByteArray();
    }

    public static AttributeValue decodeValue(byte[] bytes) {
        var source = versioned(bytes);
        var value = readValue(source, 1);
        requireFullyRead(source);
        return value;
    }

    private static byte[] encodeAttributes(Map<String, AttributeValue> attributes) {
        var sink = new ByteSink();
        sink.writeByte(VERSION);
        writeAttributes(sink, attributes, 0);
        return sink.toByteArray();
    }

    private static Map<String, AttributeValue> decodeAttributes(byte[] bytes) {
        var source = versioned(bytes);
        var attributes = readAttributes(source, 0);
        requireFullyRead(source);
        return attributes;
    }

    private static void writeAttributes(ByteSink sink, Map<String, AttributeValue> attributes, int depth) {
        sink.writeVarint(attributes.size());
        for (var entry : attributes.entrySet()) {
            sink.writeLengthPrefixed(entry.getKey().getBytes(StandardCharsets.UTF_8));
            writeValue(sink, entry.getValue(), depth + 1);
        }
    }

    private static void writeValue(ByteSink sink, AttributeValue value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (value) {
            case AttributeValue.S s -> {
                sink.writeByte(TYPE_S);
                writeString(sink, s.value());
            }
            case AttributeValue.N n -> {
                sink.writeByte(TYPE_N);
                writeNumber(sink, n.value());
            }
            case AttributeValue.B b -> {
                sink.writeByte(TYPE_B);
                sink.writeLengthPrefixed(b.value().toByteArray());
            }
            case AttributeValue.Bool bool -> {
                sink.writeByte(TYPE_BOOL);
                sink.writeByte(bool.value() ? 1 : 0);
            }
            case AttributeValue.Null ignored -> sink.writeByte(TYPE_NULL);
            case AttributeValue.M m -> {
                sink.writeByte(TYPE_M);
                writeAttributes(sink, m.value(), depth);
            }
            case AttributeValue.L l -> {
                sink.writeByte(TYPE_L);
                sink.writeVarint(l.value().size());
                l.value().forEach(member -> writeValue(sink, member, depth + 1));
            }
            case AttributeValue.SS ss -> {
                sink.writeByte(TYPE_SS);
                sink.writeVarint(ss.value().size());
                ss.value().forEach(member -> writeString(sink, member));
            }
            case AttributeValue.NS ns -> {
                sink.writeByte(TYPE_NS);
                sink.writeVarint(ns.value().size());
                ns.value().forEach(member -> writeNumber(sink, member));
            }
            case AttributeValue.BS bs -> {
                sink.writeByte(TYPE_BS);
                sink.writeVarint(bs.value().size());
                bs.value().forEach(member -> sink.writeLengthPrefixed(member.toByteArray()));
            }
        }
    }

    private static void writeString(ByteSink sink, String s) {
        sink.writeLengthPrefixed(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeNumber(ByteSink sink, BigDecimal number) {
        sink.writeSignedVarint(number.scale());
        sink.writeLengthPrefixed(number.unscaledValue().toByteArray());
    }

    private static ByteSource versioned(byte[] bytes) {
        var source = new ByteSource(bytes);
        int version = source.readByte();
        if (version != VERSION) {
            throw source.corrupt("unknown format version " + version);
        }
        return source;
    }

    private static void requireFullyRead(ByteSource source) {
        if (source.remaining() != 0) {
            throw source.corrupt(source.remaining() + " trailing byte(s)");
        }
    }

    private static Map<String, AttributeValue> readAttributes(ByteSource source, int depth) {
        int count = source.readCount(2); // a name length and a type code at least
        var attributes = new LinkedHashMap<String, AttributeValue>(Math.max(4, count * 2));
        for (int i = 0; i < count; i++) {
            String name = readString(source);
            if (attributes.put(name, readValue(source, depth + 1)) != null) {
                throw source.corrupt("attribute name repeated: " + name);
            }
        }
        return attributes;
    }

    private static AttributeValue readValue(ByteSource source, int depth) {
        if (depth > MAX_DEPTH) {
            throw source.corrupt("value nested deeper than " + MAX_DEPTH + " levels");
        }
        int type = source.readByte();
        return switch (type) {
            case TYPE_S -> new AttributeValue.S(readString(source));
            case TYPE_N -> new AttributeValue.N(readNumber(source));
            case TYPE_B -> new AttributeValue.B(Bytes.wrap(source.readLengthPrefixed()));
            case TYPE_BOOL -> new AttributeValue.Bool(readBoolean(source));
            case TYPE_NULL -> AttributeValue.Null.INSTANCE;
            case TYPE_M -> new AttributeValue.M(readAttributes(source, depth));
            case TYPE_L -> new AttributeValue.L(readList(source, s -> readValue(s, depth + 1)));
            case TYPE_SS -> new AttributeValue.SS(readList(source, ItemCodec::readString));
            case TYPE_NS -> new AttributeValue.NS(readList(source, ItemCodec::readNumber));
            case TYPE_BS -> new AttributeValue.BS(readList(source, s -> Bytes.wrap(s.readLengthPrefixed())));
            default -> throw source.corrupt("unknown type code 0x" + Integer.toHexString(type));
        };
    }

    private interface Reader<T> {
        T read(ByteSource source);
    }

    private static <T> List<T> readList(ByteSource source, Reader<T> reader) {
        int count = source.readCount(1);
        var list = new ArrayList<T>(count);
        for (int i = 0; i < count; i++) {
            list.add(reader.read(source));
        }
        return list;
    }

    private static String readString(ByteSource source) {
        return new String(source.readLengthPrefixed(), StandardCharsets.UTF_8);
    }

    private static BigDecimal readNumber(ByteSource source) {
        long scale = source.readSignedVarint();
        if (scale < Integer.MIN_VALUE || scale > Integer.MAX_VALUE) {
            throw source.corrupt("number scale out of range: " + scale);
        }
        byte[] unscaled = source.readLengthPrefixed();
        if (unscaled.length == 0) {
            throw source.corrupt("number without digits");
        }
        return new BigDecimal(new BigInteger(unscaled), (int) scale);
    }

    private static boolean readBoolean(ByteSource source) {
        int b = source.readByte();
        if (b > 1) {
            throw source.corrupt("boolean byte " + b);
        }
        return b == 1;
    }
}
