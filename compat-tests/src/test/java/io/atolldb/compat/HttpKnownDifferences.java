package io.atolldb.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The accepted differences of the HTTP-layer differential test ({@link HttpDifferentialTest}): where
 * DynamoDB Local answers otherwise than DynamoDB, AtollDB follows DynamoDB. Like {@link KnownDifferences},
 * each rule names its row in docs/compatibility.md ("Differences from DynamoDB Local"), applies only to the
 * requests it names, and rewrites only the fields that differ, here always in DynamoDB Local's answer,
 * into what DynamoDB answers. A difference is accepted only when the rewritten answers are equal.
 */
final class HttpKnownDifferences {
    /** Rewrites DynamoDB Local's answer to a case. */
    interface Rewrite {
        HttpAnswer apply(HttpCase request, HttpAnswer answer);
    }

    record Rule(String name, Predicate<HttpCase> appliesTo, Rewrite local) {
    }

    static final String EXPOSED_HEADERS = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date";
    /** The known difference met by sending DynamoDB Local the decoded body ({@link HttpCase#localGets}). */
    static final String COMPRESSED_REQUESTS = "compressed request bodies";

    private static final Set<String> TAGGING = Set.of("TagResource", "UntagResource", "ListTagsOfResource");

    static final List<Rule> RULES = List.of(
            // DynamoDB Local sends x-amz-crc32 on successes only; DynamoDB on every JSON answer.
            new Rule("x-amz-crc32 on errors", request -> true, (request, answer) ->
                    !answer.get("status").equals("200") && answer.get("x-amz-crc32").equals(HttpAnswer.NONE)
                            && answer.get("content-type").startsWith("application/x-amz-json")
                            ? answer.with("x-amz-crc32", "matches the body as sent") : answer),
            // DynamoDB Local never sends Access-Control-Allow-Origin (not even with -cors *), so a browser
            // cannot read its answers; DynamoDB allows any origin and exposes the SDK's headers.
            new Rule("CORS answers", request -> request.header("Origin") != null, (request, answer) ->
                    answer.get("access-control-allow-origin").equals(HttpAnswer.NONE)
                            ? answer.with("access-control-allow-origin", "*").with("access-control-expose-headers", EXPOSED_HEADERS)
                            : answer),
            // Preflight answers may be cached 20 days by DynamoDB Local, 2 days by DynamoDB.
            new Rule("preflight Max-Age", request -> request.method().equals("OPTIONS"), (request, answer) ->
                    answer.get("access-control-max-age").equals("1728000") ? answer.with("access-control-max-age", "172800") : answer),
            // DynamoDB Local names its server errors InternalFailure; DynamoDB's type is InternalServerError.
            new Rule("InternalServerError", request -> true, (request, answer) ->
                    answer.get("type").equals("InternalFailure") ? answer.with("type", "InternalServerError") : answer),
            // Without X-Amz-Target DynamoDB Local fails (500); DynamoDB names no operation: UnknownOperationException.
            new Rule("missing X-Amz-Target", request -> request.operation() == null && request.method().equals("POST"),
                    (request, answer) -> answer.get("type").equals("InternalFailure")
                            ? answer.with("status", "400").with("type", "UnknownOperationException") : answer),
            // DynamoDB Local cannot read gzip or deflate bodies: a valid one is sent to it decoded
            // (HttpCase#localGets); for a body that is not what its encoding says, DynamoDB's documented
            // answer (500 InternalServerError) stands in for DynamoDB Local's.
            new Rule(COMPRESSED_REQUESTS, request -> request.header("Content-Encoding") != null && !unknownContentEncoding(request)
                    && !request.documented().isEmpty(), HttpKnownDifferences::asDocumented),
            // DynamoDB Local ignores a Content-Encoding it does not know and reads the body as it is;
            // DynamoDB refuses it (500 InternalServerError).
            new Rule("unsupported Content-Encoding", HttpKnownDifferences::unknownContentEncoding, HttpKnownDifferences::asDocumented),
            // DynamoDB Local never compresses; DynamoDB compresses answers of 4 KB or more when the client accepts it.
            new Rule("response compression", request -> request.header("Accept-Encoding") != null, (request, answer) ->
                    answer.get("content-encoding").equals(HttpAnswer.NONE) && answer.bodyLength() >= 4096
                            ? accepted(request.header("Accept-Encoding")).map(coding -> answer.with("content-encoding", coding)).orElse(answer)
                            : answer),
            // DynamoDB Local does not implement DescribeEndpoints.
            new Rule("DescribeEndpoints", request -> "DescribeEndpoints".equals(request.operation()), HttpKnownDifferences::asDocumented),
            // DynamoDB Local does not implement tagging and ignores CreateTable's Tags (and their rules).
            new Rule("tags", request -> request.operation() != null && TAGGING.contains(request.operation())
                    || "CreateTable".equals(request.operation()) && !request.documented().isEmpty(), HttpKnownDifferences::asDocumented));

    private HttpKnownDifferences() {
    }

    /**
     * The smallest set of rules that, together, make the two answers equal; empty when none does. Rules
     * are tried in subsets of those that apply, smallest first.
     */
    static Optional<List<String>> explaining(HttpCase request, HttpAnswer atoll, HttpAnswer local) {
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
            HttpAnswer rewritten = local;
            for (Rule rule : subset) {
                rewritten = rule.local().apply(request, rewritten);
            }
            if (rewritten.sameAs(atoll)) {
                return Optional.of(subset.stream().map(Rule::name).toList());
            }
        }
        return Optional.empty();
    }

    /** DynamoDB Local's answer with the fields the case documents for DynamoDB in place of its own. */
    private static HttpAnswer asDocumented(HttpCase request, HttpAnswer answer) {
        HttpAnswer documented = answer;
        for (Map.Entry<String, String> field : request.documented().entrySet()) {
            documented = documented.with(field.getKey(), field.getValue());
        }
        return documented;
    }

    private static boolean unknownContentEncoding(HttpCase request) {
        String encoding = request.header("Content-Encoding");
        return encoding != null && !Set.of("gzip", "deflate", "identity").contains(encoding.trim().toLowerCase(Locale.ROOT));
    }

    /** The coding a server prefers among those {@code acceptEncoding} lists: gzip, else deflate. */
    private static Optional<String> accepted(String acceptEncoding) {
        String lower = acceptEncoding.toLowerCase(Locale.ROOT);
        return lower.contains("gzip") ? Optional.of("gzip") : lower.contains("deflate") ? Optional.of("deflate") : Optional.empty();
    }
}
