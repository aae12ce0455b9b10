package io.atolldb.node.storage;

/**
 * One change to one item of a partition, applied with others as one atomic batch
 * ({@link PartitionStore#apply}). Keys are storage keys ({@link io.atolldb.model.KeyCodec}); values
 * are opaque bytes. The arrays are handed over, not copied: callers must not change them afterwards.
 */
public sealed interface Mutation {
    byte[] key();

    /** Sets the item under {@code key} to {@code value}, replacing any previous one. */
    record Put(byte[] key, byte[] value) implements Mutation {
        public Put {
            if (key == null || value == null) {
                throw new IllegalArgumentException("key and value must not be null");
            }
        }
    }

    /** Removes the item under {@code key}; removing a missing item changes nothing. */
    record Delete(byte[] key) implements Mutation {
        public Delete {
            if (key == null) {
                throw new IllegalArgumentException("key must not be null");
            }
        }
    }
}
