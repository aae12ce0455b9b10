package io.atolldb.chaos.history;

/** The kind of one operation in a history; see {@link Op} for how each uses the value fields. */
public enum OpKind {
    /** A consistent read of one key: {@code result} is the value read, null when the item is absent. */
    READ,
    /** An unconditional write of {@code value}. */
    WRITE,
    /**
     * An unconditional write of {@code value} that also returns the value it replaced ({@code result};
     * null when there was none): PutItem with ReturnValues ALL_OLD.
     */
    SWAP,
    /**
     * A compare-and-set: write {@code value} if the current value equals {@code expected} (null: the
     * item is absent). {@code result} is {@link Op#APPLIED} or {@link Op#REJECTED} for an OK outcome.
     */
    CAS,
    /** Adds the element {@code value} to a set (one item per element); {@code result} is what it replaced. */
    ADD
}
