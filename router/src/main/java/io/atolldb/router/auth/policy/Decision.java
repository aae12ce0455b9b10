package io.atolldb.router.auth.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * The engine's answer, with the statement that decided it, for the refusal message and for whoever debugs a policy.
 *
 * @param outcome   allowed, denied by a Deny statement, or denied because nothing allows it
 * @param decidedBy the matching Deny for EXPLICIT_DENY, the first matching Allow for ALLOW; empty for IMPLICIT_DENY
 */
public record Decision(Outcome outcome, Optional<DecidingStatement> decidedBy) {
    public enum Outcome {
        ALLOW,
        EXPLICIT_DENY,
        IMPLICIT_DENY
    }

    /**
     * Where a deciding statement is.
     *
     * @param kind           identity-based or resource-based policy
     * @param policyIndex    its policy's position among the identity-based policies given (0 for the resource policy)
     * @param statementIndex its position in that policy
     * @param policyId       that policy's Id element, if any
     * @param sid            its Sid, if any
     */
    public record DecidingStatement(PolicyKind kind, int policyIndex, int statementIndex, Optional<String> policyId,
            Optional<String> sid) {
        public DecidingStatement {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(policyId, "policyId");
            Objects.requireNonNull(sid, "sid");
        }
    }

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidedBy, "decidedBy");
        if (decidedBy.isPresent() == (outcome == Outcome.IMPLICIT_DENY)) {
            throw new IllegalArgumentException("only an implicit deny has no deciding statement: " + outcome);
        }
    }

    static final Decision IMPLICIT_DENY = new Decision(Outcome.IMPLICIT_DENY, Optional.empty());

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }
}
