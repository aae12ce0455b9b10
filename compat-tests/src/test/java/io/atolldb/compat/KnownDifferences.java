package io.atolldb.compat;

import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where an answer of AtollDB may differ from DynamoDB Local's. Each rule names its row
 * in docs/compatibility.md ("Differences from DynamoDB Local"), which says why; it applies only to the
 * requests it names and rewrites only the one feature that differs, in AtollDB's answer or DynamoDB
 * Local's. A difference is accepted only when the rewritten answers are equal.
 */
final class KnownDifferences {
    /**
     * One accepted difference.
     *
     * @param appliesTo which requests it may explain
     * @param atoll     rewrites AtollDB's canonical answer
     * @param local     rewrites DynamoDB Local's canonical answer
     */
    record Rule(String name, Predicate<DynamoDbRequest> appliesTo, Rewrite atoll, Rewrite local) {
    }

    /** Rewrites one side's canonical answer, given the request and the whole outcome. */
    interface Rewrite {
        String apply(DynamoDbRequest request, Outcome outcome, String body);

        static Rewrite of(UnaryOperator<String> text) {
            return (request, outcome, body) -> text.apply(body);
        }

        static Rewrite none() {
            return (request, outcome, body) -> body;
        }
    }

    private static final Pattern EXTRA_LAST_PAGE = Pattern.compile(
            "^(.*) last=(\\{[^{}]*})( noItems)?}, \\{items=\\[] count=0 scanned=0 last=-( noItems)?}]$");

    static final List<Rule> RULES = List.of(
            // First: it rebuilds DynamoDB Local's answer from the returned attributes, so the text rewrites
            // of the other rules must come after it.
            // compatibility.md "UPDATED_OLD/UPDATED_NEW of nested paths": DynamoDB returns only the
            // written part of a map or list; DynamoDB Local returns the whole top-level attribute.
            // DynamoDB Local's answer is cut down to the update's paths.
            new Rule("UPDATED_* of nested paths", KnownDifferences::updatesNestedPaths, Rewrite.none(),
                    KnownDifferences::onlyUpdatedPaths),
            // compatibility.md "numbers as written": DynamoDB trims leading and trailing zeroes (Developer
            // Guide, data types: Number); DynamoDB Local answers numbers as they were written.
            new Rule("numbers as written", request -> true, Rewrite.of(Canonical::numbersByValue),
                    Rewrite.of(Canonical::numbersByValue)),
            // compatibility.md "Query Limit at the last item": a Query page that reaches Limit carries a
            // LastEvaluatedKey, so the client asks once more and gets an empty last page (Query API
            // reference: a LastEvaluatedKey "does not necessarily mean that there is more data");
            // DynamoDB Local looks one item ahead. AtollDB's answer is rewritten to the shorter form.
            new Rule("Query Limit at the last item", request -> request instanceof QueryRequest query && query.limit() != null,
                    Rewrite.of(KnownDifferences::withoutEmptyLastPage), Rewrite.none()));

    private KnownDifferences() {
    }

    /**
     * The smallest set of rules that, together, make the two answers equal; empty when none does. Rules
     * are tried in subsets (there are few), so a rule never rewrites an answer it is not needed for.
     */
    static Optional<List<String>> explaining(DynamoDbRequest request, Outcome atoll, Outcome local) {
        if (!java.util.Objects.equals(atoll.errorCode(), local.errorCode()) || atoll.body() == null || local.body() == null) {
            return Optional.empty();
        }
        List<Rule> applicable = RULES.stream().filter(rule -> rule.appliesTo().test(request)).toList();
        List<List<Rule>> subsets = new ArrayList<>();
        for (int mask = 1; mask < 1 << applicable.size(); mask++) {
            List<Rule> subset = new ArrayList<>();
            for (int i = 0; i < applicable.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(applicable.get(i));
                }
            }
            subsets.add(subset);
        }
        subsets.sort(java.util.Comparator.comparingInt(List::size));
        for (List<Rule> subset : subsets) {
            String atollBody = atoll.body();
            String localBody = local.body();
            for (Rule rule : subset) {
                atollBody = rule.atoll().apply(request, atoll, atollBody);
                localBody = rule.local().apply(request, local, localBody);
            }
            if (atollBody.equals(localBody)) {
                return Optional.of(subset.stream().map(Rule::name).toList());
            }
        }
        return Optional.empty();
    }

    private static boolean updatesNestedPaths(DynamoDbRequest request) {
        return request instanceof UpdateItemRequest update
                && ("UPDATED_NEW".equals(update.returnValuesAsString()) || "UPDATED_OLD".equals(update.returnValuesAsString()))
                && update.updateExpression() != null
                && UpdatedPaths.nested(UpdatedPaths.targets(update.updateExpression(), update.expressionAttributeNames()));
    }

    private static String onlyUpdatedPaths(DynamoDbRequest request, Outcome outcome, String body) {
        if (outcome.attributes() == null) {
            return body;
        }
        var update = (UpdateItemRequest) request;
        var projected = UpdatedPaths.project(outcome.attributes(), UpdatedPaths.targets(update.updateExpression(), update.expressionAttributeNames()));
        return "attributes=" + Canonical.keyOrNull(projected, !projected.isEmpty());
    }

    /** A Query's pages without a final empty page, the page before it without its LastEvaluatedKey. */
    static String withoutEmptyLastPage(String body) {
        Matcher m = EXTRA_LAST_PAGE.matcher(body);
        if (!m.matches()) {
            return body;
        }
        return m.group(1) + " last=-" + (m.group(3) == null ? "" : m.group(3)) + "}]";
    }

}
