package io.atolldb.consensus;

/**
 * A proposal or read that did not complete. Subclasses say why; a plain ConsensusException means the
 * group could not answer in time (no quorum, election in progress): the outcome of a write is unknown.
 */
public class ConsensusException extends RuntimeException {
    public ConsensusException(String message) {
        super(message);
    }

    public ConsensusException(String message, Throwable cause) {
        super(message, cause);
    }
}
