package io.atolldb.chaos.check;

import java.util.List;

/**
 * What the set workload's final reads showed.
 *
 * @param attempted    elements whose ADD was invoked
 * @param acknowledged elements whose ADD succeeded
 * @param lost         acknowledged elements absent from the final reads (or never read back), a sample
 *                     of at most {@link SetChecker#SAMPLE} in {@code lostSample}
 * @param unexpected   elements present that were never added, or whose ADD definitely failed, or whose
 *                     acknowledged ADD replaced something (applied twice)
 * @param recovered    elements of unknown outcome that turned out present (allowed)
 * @param unread       attempted elements whose final read never succeeded (counted in lost if acknowledged)
 */
public record SetResult(int attempted, int acknowledged, int lost, List<String> lostSample, int unexpected,
                        List<String> unexpectedSample, int recovered, int unread) {
    public SetResult {
        lostSample = List.copyOf(lostSample);
        unexpectedSample = List.copyOf(unexpectedSample);
    }

    public boolean valid() {
        return lost == 0 && unexpected == 0;
    }
}
