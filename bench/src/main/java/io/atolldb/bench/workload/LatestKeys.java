package io.atolldb.bench.workload;

import java.util.SplittableRandom;

/**
 * YCSB's "latest" distribution: zipfian over recency, so the record inserted last is the most popular,
 * the one before it next, and so on. Records are loaded in key order, so the newest is records-1.
 */
public final class LatestKeys implements KeyChooser {
    private final Zipfian ranks;
    private final long newest;

    public LatestKeys(long records) {
        this.ranks = new Zipfian(records);
        this.newest = records - 1;
    }

    @Override
    public long next(SplittableRandom random) {
        return newest - ranks.next(random);
    }
}
