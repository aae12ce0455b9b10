package io.atolldb.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The accepted differences between AtollDB's and DynamoDB Local's answers to requests sent as raw JSON
 * ({@link InvalidShapesDifferentialTest}): the counterpart of {@link KnownDifferences}, whose rules read SDK
 * requests. Each rule names its row in docs/compatibility.md ("Differences from DynamoDB Local"), applies only
 * to the requests it names, and accepts only the one pair of answers that differs.
 */
final class RawKnownDifferences {
    /** One answer to a raw request: HTTP status and error code (the part of {@code __type} after '#'; null on success). */
    record Answer(int status, String errorCode, String message) {
        boolean ok() {
            return status == 200;
        }

        boolean clientError(String... codes) {
            return status == 400 && Set.of(codes).contains(errorCode);
        }
    }

    /**
     * One accepted difference.
     *
     * @param appliesTo which requests it may explain
     * @param accepts   whether AtollDB's and DynamoDB Local's answers are the pair the rule describes
     */
    record Rule(String name, Predicate<InvalidShapes.Request> appliesTo, Accepts accepts) {
    }

    interface Accepts {
        boolean test(Answer atoll, Answer local);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Members the API reference declares boolean, integer or string (a sample of each, the ones the shapes use). */
    private static final Map<String, Predicate<JsonNode>> DECLARED_TYPES = Map.of(
            "ConsistentRead", JsonNode::isBoolean, "BOOL", JsonNode::isBoolean, "Limit", JsonNode::isIntegralNumber,
            "N", JsonNode::isTextual, "S", JsonNode::isTextual, "TableName", JsonNode::isTextual);

    static final List<Rule> RULES = List.of(
            // compatibility.md "500 for invalid shapes": DynamoDB answers input it cannot read or accept with a 400
            // (SerializationException or ValidationException, API reference, "Common Errors"); DynamoDB Local fails
            // with InternalFailure (500) on some wrong JSON types, null list elements and malformed bodies.
            new Rule("500 for invalid shapes", request -> true, (atoll, local) ->
                    local.status() == 500 && atoll.clientError("ValidationException", "SerializationException")),
            // compatibility.md "empty AttributesToGet": the API reference gives AttributesToGet at least 1 member
            // (AttributeNameList); DynamoDB Local accepts an empty list as no projection.
            new Rule("empty AttributesToGet", RawKnownDifferences::hasEmptyAttributesToGet, (atoll, local) ->
                    local.ok() && atoll.clientError("ValidationException")),
            // compatibility.md "JSON types": a member of another JSON type than the API reference declares (a
            // number for a string, a string for a boolean) is a SerializationException; DynamoDB Local converts
            // some of them and goes on.
            new Rule("JSON types", RawKnownDifferences::hasMemberOfAnotherType, (atoll, local) ->
                    (local.ok() || local.clientError("ValidationException")) && atoll.clientError("SerializationException")));

    private RawKnownDifferences() {
    }

    /** The rule that explains the pair of answers to {@code request}, if one does. */
    static Optional<String> explaining(InvalidShapes.Request request, Answer atoll, Answer local) {
        return RULES.stream()
                .filter(rule -> rule.appliesTo().test(request) && rule.accepts().test(atoll, local))
                .map(Rule::name)
                .findFirst();
    }

    static boolean hasEmptyAttributesToGet(InvalidShapes.Request request) {
        return parse(request).map(root -> root.findValues("AttributesToGet").stream()
                .anyMatch(value -> value.isArray() && value.isEmpty())).orElse(false);
    }

    static boolean hasMemberOfAnotherType(InvalidShapes.Request request) {
        return parse(request).map(RawKnownDifferences::anyMisTyped).orElse(false);
    }

    private static boolean anyMisTyped(JsonNode node) {
        if (node.isObject()) {
            for (var entry : node.properties()) {
                var declared = DECLARED_TYPES.get(entry.getKey());
                if (declared != null && !entry.getValue().isNull() && !entry.getValue().isContainerNode()
                        && !declared.test(entry.getValue())) {
                    return true;
                }
                if (anyMisTyped(entry.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (anyMisTyped(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<JsonNode> parse(InvalidShapes.Request request) {
        try {
            JsonNode root = JSON.readTree(request.body());
            return Optional.ofNullable(root);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
