package io.atolldb.router.api;

/** Which item image a write returns. PutItem and DeleteItem accept only NONE and ALL_OLD. */
public enum ReturnValues {
    NONE,
    ALL_OLD,
    UPDATED_OLD,
    ALL_NEW,
    UPDATED_NEW
}
