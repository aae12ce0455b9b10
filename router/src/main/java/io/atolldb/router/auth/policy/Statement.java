package io.atolldb.router.auth.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement of a policy: whether it allows or denies, which actions and resources it is about, for which
 * principals (resource-based policies only), and under which conditions (all must hold).
 */
public record Statement(
        Optional<String> sid,
        Effect effect,
        Patterns actions,
        Patterns resources,
        Optional<PrincipalElement> principal,
        List<Condition> conditions) {
    public Statement {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(principal, "principal");
        conditions = List.copyOf(conditions);
    }
}
