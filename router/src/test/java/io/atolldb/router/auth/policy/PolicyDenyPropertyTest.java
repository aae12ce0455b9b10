package io.atolldb.router.auth.policy;

import static io.atolldb.router.auth.policy.PolicyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.router.auth.policy.Decision.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * "An explicit deny in any policy overrides any allow" (IAM User Guide, "Policy evaluation logic"): whatever other
 * statements and policies are attached, a Deny that matches the request decides it; and removing every Deny never
 * turns an allowed request into a denied one.
 */
class PolicyDenyPropertyTest {
    private static final List<String> ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
            "dynamodb:DeleteTable");
    private static final List<String> RESOURCES = List.of(MUSIC, MUSIC_INDEX, GAMES);

    @Provide
    Arbitrary<List<String>> statements() {
        return statement().list().ofMaxSize(6);
    }

    private static Arbitrary<String> statement() {
        Arbitrary<String> effect = Arbitraries.of("Allow", "Deny");
        Arbitrary<String> action = Arbitraries.of("*", "dynamodb:*", "dynamodb:Get*", "dynamodb:PutItem", "dynamodb:query");
        Arbitrary<String> resource = Arbitraries.of("*", MUSIC, MUSIC + "*", MUSIC_INDEX, GAMES);
        Arbitrary<Boolean> negate = Arbitraries.of(true, false);
        return Combinators.combine(effect, action, resource, negate).as((e, a, r, n) ->
                "{\"Effect\": \"" + e + "\", \"" + (n ? "NotAction" : "Action") + "\": \"" + a + "\", \"Resource\": \"" + r + "\"}");
    }

    private static PolicyDocument policyOf(List<String> statements) {
        return PolicyDocument.identity("{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(",", statements) + "]}");
    }

    @Property
    void aMatchingDenyAlwaysYieldsAnExplicitDeny(@ForAll("statements") List<String> others,
            @ForAll("indexes") int action, @ForAll("indexes") int resource) {
        AuthorizationRequest request = request(ACTIONS.get(action % ACTIONS.size()), RESOURCES.get(resource % RESOURCES.size()));
        List<String> statements = new ArrayList<>(others);
        statements.add(statements.size() / 2, "{\"Effect\": \"Deny\", \"Action\": \"" + request.action()
                + "\", \"Resource\": \"" + request.resource() + "\"}");
        List<PolicyDocument> policies = List.of(policyOf(statements), allowing("\"Action\": \"*\", \"Resource\": \"*\""));
        assertThat(PolicyEvaluator.evaluate(request, policies, Optional.empty()).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
    }

    @Property
    void withoutDenyStatementsNothingIsExplicitlyDeniedAndAllowsOnlyGrow(@ForAll("statements") List<String> all,
            @ForAll("indexes") int action, @ForAll("indexes") int resource) {
        AuthorizationRequest request = request(ACTIONS.get(action % ACTIONS.size()), RESOURCES.get(resource % RESOURCES.size()));
        List<String> allows = all.stream().filter(s -> s.contains("\"Allow\"")).toList();
        Outcome withDenies = all.isEmpty() ? Outcome.IMPLICIT_DENY
                : PolicyEvaluator.evaluate(request, List.of(policyOf(all)), Optional.empty()).outcome();
        Outcome withoutDenies = allows.isEmpty() ? Outcome.IMPLICIT_DENY
                : PolicyEvaluator.evaluate(request, List.of(policyOf(allows)), Optional.empty()).outcome();
        assertThat(withoutDenies).isNotEqualTo(Outcome.EXPLICIT_DENY);
        if (withDenies == Outcome.ALLOW) {
            assertThat(withoutDenies).isEqualTo(Outcome.ALLOW);
        }
    }

    @Provide
    Arbitrary<Integer> indexes() {
        return Arbitraries.integers().between(0, 11);
    }
}
