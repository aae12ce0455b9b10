package io.atolldb.bench.workload;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The shape of the benchmark's items: a string partition key {@code pk} ("user" and a zero-padded
 * record number), one payload field {@code field0} of printable characters, and a number {@code ver}
 * that read-modify-writes condition on. Payloads are drawn once up front from a small pool, so the
 * request path allocates no random text.
 */
public final class Records {
    public static final String TABLE = "bench";
    public static final String KEY = "pk";
    public static final String FIELD = "field0";
    public static final String VERSION = "ver";
    /** Bytes an item carries besides its payload: the key and version attributes and their names. */
    static final int OVERHEAD = KEY.length() + 16 + FIELD.length() + VERSION.length() + 4;
    private static final int POOL = 64;

    private final int itemSize;
    private final String[] payloads;

    public Records(int itemSize, long seed) {
        if (itemSize < OVERHEAD + 1) {
            throw new IllegalArgumentException("item size must be at least " + (OVERHEAD + 1) + " bytes, got " + itemSize);
        }
        this.itemSize = itemSize;
        var random = new SplittableRandom(seed);
        int length = itemSize - OVERHEAD;
        this.payloads = new String[POOL];
        for (int p = 0; p < POOL; p++) {
            var chars = new byte[length];
            for (int i = 0; i < length; i++) {
                chars[i] = (byte) ('a' + random.nextInt(26));
            }
            payloads[p] = new String(chars, StandardCharsets.US_ASCII);
        }
    }

    /** The partition key of record {@code record}: "user" and 12 digits, so keys sort by record number. */
    public static String key(long record) {
        var digits = Long.toString(record);
        return "user" + "0".repeat(Math.max(0, 12 - digits.length())) + digits;
    }

    /** One of the pre-drawn payloads; any int picks one. */
    public String payload(int choice) {
        return payloads[Math.floorMod(choice, POOL)];
    }

    /** The size an item counts for: its attribute names and values, as DynamoDB sizes them. */
    public int itemSize() {
        return itemSize;
    }
}
