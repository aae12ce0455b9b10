package io.atolldb.consensus;

import java.util.UUID;

/**
 * Makes the state machine of a group this server hosts: called when a group is added and, at
 * start-up, for every group found in the server's storage directory.
 */
@FunctionalInterface
public interface StateMachineFactory {
    ReplicatedStateMachine create(UUID groupId);
}
