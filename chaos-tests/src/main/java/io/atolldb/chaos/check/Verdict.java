package io.atolldb.chaos.check;

/** What the linearizability search concluded for one key. */
public enum Verdict {
    /** A linearization exists: the key behaved like one atomic register. */
    LINEARIZABLE,
    /** No order of the operations explains what clients saw. */
    NOT_LINEARIZABLE,
    /** The search ran out of its budget before deciding; counts as not proven. */
    UNDECIDED
}
