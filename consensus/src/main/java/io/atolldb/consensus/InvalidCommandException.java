package io.atolldb.consensus;

/** A command rejected before it entered the log; the message is meant for the client. */
public class InvalidCommandException extends Exception {
    public InvalidCommandException(String message) {
        super(message);
    }
}
