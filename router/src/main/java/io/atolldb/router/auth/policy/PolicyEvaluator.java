package io.atolldb.router.auth.policy;

import io.atolldb.router.auth.policy.Decision.DecidingStatement;
import io.atolldb.router.auth.policy.Decision.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * Decides a request as AWS does from the policies of one account (IAM User Guide, "Policy evaluation logic"):
 * any matching Deny, in any policy, wins; otherwise a matching Allow in an identity-based policy or in the
 * resource's policy allows; otherwise the request is implicitly denied. A principal of another account than the
 * resource's needs an Allow on both sides. Service control, permissions boundary and session policies are not
 * modelled.
 *
 * <p>A statement matches when its principal names the caller (resource policies only), its action, its resource
 * and all its conditions match. Actions compare case-insensitively, resources case-sensitively; both take the
 * wildcards {@code *} and {@code ?}, which span {@code /}, so {@code table/A} does not cover {@code table/A/index/X}
 * but {@code table/A*} does.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {}

    public static Decision evaluate(AuthorizationRequest request, List<PolicyDocument> identityPolicies,
            Optional<PolicyDocument> resourcePolicy) {
        Optional<DecidingStatement> identityAllow = Optional.empty();
        for (int p = 0; p < identityPolicies.size(); p++) {
            Optional<Decision> decided = scan(request, identityPolicies.get(p), p);
            if (decided.isPresent() && decided.get().outcome() == Outcome.EXPLICIT_DENY) {
                return decided.get();
            }
            if (identityAllow.isEmpty() && decided.isPresent()) {
                identityAllow = decided.get().decidedBy();
            }
        }
        Optional<Decision> resourceDecision = resourcePolicy.flatMap(policy -> scan(request, policy, 0));
        if (resourceDecision.isPresent() && resourceDecision.get().outcome() == Outcome.EXPLICIT_DENY) {
            return resourceDecision.get();
        }
        Optional<DecidingStatement> resourceAllow = resourceDecision.flatMap(Decision::decidedBy);
        boolean sameAccount = Arns.account(request.principalArn()).equals(Arns.account(request.resource()));
        Optional<DecidingStatement> allow = sameAccount
                ? identityAllow.or(() -> resourceAllow)
                : identityAllow.isPresent() && resourceAllow.isPresent() ? identityAllow : Optional.empty();
        return allow.map(statement -> new Decision(Outcome.ALLOW, Optional.of(statement))).orElse(Decision.IMPLICIT_DENY);
    }

    /** The first matching Deny of one policy, else its first matching Allow, else empty. */
    private static Optional<Decision> scan(AuthorizationRequest request, PolicyDocument policy, int policyIndex) {
        Optional<Decision> allow = Optional.empty();
        List<Statement> statements = policy.statements();
        for (int s = 0; s < statements.size(); s++) {
            Statement statement = statements.get(s);
            if (!applies(statement, request, policy.version())) {
                continue;
            }
            DecidingStatement where = new DecidingStatement(policy.kind(), policyIndex, s, policy.id(), statement.sid());
            if (statement.effect() == Effect.Deny) {
                return Optional.of(new Decision(Outcome.EXPLICIT_DENY, Optional.of(where)));
            }
            if (allow.isEmpty()) {
                allow = Optional.of(new Decision(Outcome.ALLOW, Optional.of(where)));
            }
        }
        return allow;
    }

    static boolean applies(Statement statement, AuthorizationRequest request, PolicyVersion version) {
        return statement.principal().map(p -> p.names(request.principalArn(), statement.effect())).orElse(true)
                && actionMatches(statement.actions(), request.action())
                && resourceMatches(statement.resources(), request, version)
                && Conditions.allHold(statement.conditions(), request, version);
    }

    private static boolean actionMatches(Patterns actions, String action) {
        boolean listed = actions.values().stream().anyMatch(pattern -> Template.plain(pattern).matches(action, true));
        return actions.negated() != listed;
    }

    private static boolean resourceMatches(Patterns resources, AuthorizationRequest request, PolicyVersion version) {
        boolean listed = resources.values().stream()
                .flatMap(pattern -> Template.resolve(pattern, version.substitutesVariables(), request::variable).stream())
                .anyMatch(template -> template.matches(request.resource(), false));
        return resources.negated() != listed;
    }
}
