package io.atolldb.node.storage;

/**
 * Receives the entries of a {@link PartitionStore#scan}, one at a time, in scan order. The arrays
 * are fresh copies the visitor may keep.
 */
@FunctionalInterface
public interface EntryVisitor {
    /** Returns true to go on to the next entry, false to end the scan here. */
    boolean visit(byte[] key, byte[] value);
}
