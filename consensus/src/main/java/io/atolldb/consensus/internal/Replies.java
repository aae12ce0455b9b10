package io.atolldb.consensus.internal;

import io.atolldb.consensus.ConsensusException;
import io.atolldb.consensus.GroupNotFoundException;
import io.atolldb.consensus.InvalidCommandException;
import io.atolldb.consensus.NotLeaderException;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.exceptions.AlreadyExistsException;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what Ratis answers into what AtollDB callers handle: the reply's bytes on success, else
 * one of the consensus exceptions (or {@link InvalidCommandException}), always thrown as the cause
 * of a {@link CompletionException}. The one place that maps Ratis errors; the mapping:
 * <pre>
 *   Ratis NotLeaderException                          NotLeaderException(suggested leader)
 *   LeaderNotReady, LeaderSteppingDown                NotLeaderException(leader unknown)
 *   GroupMismatchException                            GroupNotFoundException
 *   StateMachineException caused by an invalid cmd    InvalidCommandException
 *   timeouts                                          ConsensusException (outcome unknown)
 *   anything else                                     ConsensusException
 * </pre>
 */
public final class Replies {
    private Replies() {
    }

    /** The bytes of a successful reply, or the reply's error mapped and thrown. */
    public static byte[] content(UUID group, RaftClientReply reply) {
        throwIfFailed(group, reply);
        return reply.getMessage() == null ? new byte[0] : reply.getMessage().getContent().toByteArray();
    }

    /** Returns normally for a successful reply; otherwise throws its error, mapped. */
    public static void throwIfFailed(UUID group, RaftClientReply reply) {
        if (reply.getException() != null) {
            throw new CompletionException(toCallerError(group, reply.getException()));
        }
        if (!reply.isSuccess()) {
            throw new CompletionException(new ConsensusException(group + ": request failed: " + reply));
        }
    }

    /** True when {@code error} (possibly wrapped) says a group is already hosted. */
    public static boolean isAlreadyHosted(Throwable error) {
        return unwrap(error) instanceof AlreadyExistsException;
    }

    /** Maps any failure of a Ratis call to the exception a caller sees (unwrapped). */
    public static Exception toCallerError(UUID group, Throwable error) {
        final Throwable t = unwrap(error);
        final String name = group.toString();
        if (t instanceof ConsensusException || t instanceof InvalidCommandException) {
            return (Exception) t;
        }
        if (t instanceof org.apache.ratis.protocol.exceptions.NotLeaderException notLeader) {
            return new NotLeaderException(name, Optional.ofNullable(notLeader.getSuggestedLeader())
                    .map(RaftPeer::getId).map(Object::toString).orElse(null));
        }
        if (t instanceof LeaderNotReadyException || t instanceof LeaderSteppingDownException) {
            return new NotLeaderException(name, null);
        }
        if (t instanceof GroupMismatchException) {
            return new GroupNotFoundException(name);
        }
        if (t instanceof StateMachineException && t.getCause() instanceof InvalidCommandException invalid) {
            return invalid;
        }
        if (t instanceof TimeoutException || t instanceof TimeoutIOException) {
            return new ConsensusException(name + ": no answer in time; the outcome is unknown", t);
        }
        return new ConsensusException(name + ": " + t.getMessage(), t);
    }

    /** Strips the CompletionException / ExecutionException layers futures add. */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
