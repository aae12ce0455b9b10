package io.atolldb.consensus;

/** This server hosts no replica of the group. */
public class GroupNotFoundException extends ConsensusException {
    public GroupNotFoundException(String groupName) {
        super("no replica of " + groupName + " on this server");
    }
}
