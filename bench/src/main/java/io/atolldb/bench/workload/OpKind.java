package io.atolldb.bench.workload;

/** One kind of request a workload issues; each gets its own latency histogram. */
public enum OpKind {
    /** GetItem. */
    READ,
    /** UpdateItem replacing one field. */
    UPDATE,
    /** PutItem of a whole item. */
    PUT,
    /** GetItem, then UpdateItem conditional on the version read (counted as one operation). */
    READ_MODIFY_WRITE
}
