package io.atolldb.bench.workload;

import java.util.SplittableRandom;

/** Chooses which of the loaded records (0 .. records-1) the next operation touches. */
public interface KeyChooser {
    long next(SplittableRandom random);
}
