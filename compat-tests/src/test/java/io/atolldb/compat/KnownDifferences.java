package io.atolldb.compat;

import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

import java.util.List;
import java.util.Optional;

/**
 * The one place where an answer of AtollDB may differ from DynamoDB Local's. Each rule is narrow (it
 * names the exact request and answers it accepts) and points at its row in docs/compatibility.md,
 * section "Differences from DynamoDB Local", which says why.
 */
final class KnownDifferences {
    /** One accepted difference. */
    record Rule(String name, String compatibilityRow, Matcher matcher) {
    }

    /** Whether a rule covers this request and these two outcomes. */
    interface Matcher {
        boolean matches(DynamoDbRequest request, Outcome atoll, Outcome local);
    }

    private static final List<Rule> RULES = List.of();

    private KnownDifferences() {
    }

    /** The rule accepting this difference, if any. */
    static Optional<Rule> accepting(DynamoDbRequest request, Outcome atoll, Outcome local) {
        return RULES.stream().filter(rule -> rule.matcher().matches(request, atoll, local)).findFirst();
    }

}
