package io.atolldb.router.api;

/** A table's lifecycle state as DynamoDB reports it. */
public enum TableStatus {
    CREATING,
    ACTIVE,
    DELETING,
    UPDATING
}
