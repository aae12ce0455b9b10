package io.atolldb.bench.workload;

import java.util.Locale;

/** The request distributions of YCSB: which records are popular. */
public enum Distribution {
    /** Every record equally likely. */
    UNIFORM,
    /** A few records very popular (zipfian, constant 0.99), the popular ones spread over the key space. */
    ZIPFIAN,
    /** Zipfian over recency: the most recently inserted records are the most popular. */
    LATEST;

    public KeyChooser over(long records) {
        return switch (this) {
            case UNIFORM -> random -> random.nextLong(records);
            case ZIPFIAN -> new ScrambledZipfian(records);
            case LATEST -> new LatestKeys(records);
        };
    }

    public static Distribution parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
