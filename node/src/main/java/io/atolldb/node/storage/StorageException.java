package io.atolldb.node.storage;

import org.rocksdb.RocksDBException;

/**
 * RocksDB failed (I/O error, corruption, out of space). Unchecked: the caller cannot repair the
 * storage; a partition replica that sees one stops and lets Raft recover it from its peers.
 */
public final class StorageException extends RuntimeException {
    StorageException(String what, RocksDBException cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
