package io.atolldb.bench.workload;

import java.util.SplittableRandom;

/**
 * Zipfian popularity with the popular records scattered over the key space, as YCSB's
 * "zipfian" request distribution does: a zipfian rank is hashed (64-bit FNV-1a) onto a record, so
 * record 0 is not always the hottest and hot records do not sit next to each other.
 */
public final class ScrambledZipfian implements KeyChooser {
    private final Zipfian ranks;
    private final long records;

    public ScrambledZipfian(long records) {
        this.ranks = new Zipfian(records);
        this.records = records;
    }

    @Override
    public long next(SplittableRandom random) {
        return Math.floorMod(fnv1a64(ranks.next(random)), records);
    }

    /** FNV-1a over the eight bytes of {@code value}, low byte first. */
    static long fnv1a64(long value) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < 8; i++) {
            hash ^= (value >>> (8 * i)) & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
