package io.atolldb.model;

/**
 * Order-preserving, self-delimiting encodings of key values (S, N, B): for two values a and b of
 * one type, compare(encode(a), encode(b)) as unsigned bytes equals DynamoDB's order of a and b.
 */
public final class OrderedEncoding {
    private OrderedEncoding() {
    }

    public static byte[] encodeKeyValue(AttributeValue value) {
        throw new UnsupportedOperationException("not yet written");
    }
}
