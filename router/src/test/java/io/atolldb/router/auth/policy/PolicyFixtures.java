package io.atolldb.router.auth.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Principals, ARNs and one-line helpers shared by the policy tests. */
final class PolicyFixtures {
    static final String ACCOUNT = "123456789012";
    static final String ALICE = "arn:aws:iam::" + ACCOUNT + ":user/alice";
    static final String BOB = "arn:aws:iam::" + ACCOUNT + ":user/bob";
    static final String MUSIC = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/Music";
    static final String MUSIC_INDEX = MUSIC + "/index/ByGenre";
    static final String MUSIC_STREAM = MUSIC + "/stream/2026-01-01T00:00:00.000";
    static final String GAMES = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/Games";

    private PolicyFixtures() {}

    /** An identity-based policy of one statement, the statement's members given as JSON text. */
    static PolicyDocument allowing(String members) {
        return PolicyDocument.identity(statementPolicy("Allow", members));
    }

    static PolicyDocument denying(String members) {
        return PolicyDocument.identity(statementPolicy("Deny", members));
    }

    static String statementPolicy(String effect, String members) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"" + effect + "\"," + members + "}}";
    }

    static AuthorizationRequest request(String action, String resource) {
        return AuthorizationRequest.of(ALICE, action, resource);
    }

    static AuthorizationRequest request(String action, String resource, Map<String, List<String>> context) {
        return new AuthorizationRequest(ALICE, action, resource, context);
    }

    static Decision.Outcome decide(AuthorizationRequest request, PolicyDocument... identityPolicies) {
        return PolicyEvaluator.evaluate(request, List.of(identityPolicies), Optional.empty()).outcome();
    }
}
