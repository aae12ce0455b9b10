package io.atolldb.router.auth.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Policy JSON to {@link PolicyDocument}, checked as IAM checks a policy it is given (IAM User Guide, "Grammar of the
 * IAM JSON policy language"). Jackson reads the text (duplicate members are a syntax error, as they are ambiguous);
 * no JsonNode leaves this class.
 */
final class PolicyParser {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> DOCUMENT_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Principal", "NotPrincipal", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");

    private PolicyParser() {}

    static PolicyDocument parse(String json, PolicyKind kind) {
        JsonNode root = read(json);
        if (!root.isObject()) {
            throw PolicyErrors.syntax();
        }
        knownFields(root, DOCUMENT_FIELDS);
        PolicyVersion version = PolicyVersion.V2008_10_17;
        if (root.has("Version")) {
            JsonNode node = root.get("Version");
            version = PolicyVersion.of(node.isTextual() ? node.asText() : node.toString())
                    .orElseThrow(() -> PolicyErrors.invalidVersion(node.asText()));
        }
        Optional<String> id = root.has("Id") ? Optional.of(text(root.get("Id"), "Id")) : Optional.empty();
        JsonNode statements = root.get("Statement");
        if (statements == null) {
            throw PolicyErrors.missingField("Statement");
        }
        List<Statement> parsed = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        for (JsonNode node : statements.isArray() ? statements : List.of(statements)) {
            Statement statement = statement(node, kind);
            statement.sid().filter(sid -> !sids.add(sid)).ifPresent(sid -> {
                throw PolicyErrors.duplicateSid(sid);
            });
            parsed.add(statement);
        }
        if (parsed.isEmpty()) {
            throw PolicyErrors.emptyField("Statement");
        }
        int size = (int) json.chars().filter(c -> !Character.isWhitespace(c)).count();
        return new PolicyDocument(version, id, parsed, kind, size);
    }

    private static JsonNode read(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw PolicyErrors.syntax();
            }
            return node;
        } catch (JsonProcessingException e) {
            throw PolicyErrors.syntax();
        }
    }

    private static Statement statement(JsonNode node, PolicyKind kind) {
        if (!node.isObject()) {
            throw PolicyErrors.wrongType("Statement", "an object or an array of objects");
        }
        knownFields(node, STATEMENT_FIELDS);
        Optional<String> sid = node.has("Sid") ? Optional.of(text(node.get("Sid"), "Sid")) : Optional.empty();
        if (!node.has("Effect")) {
            throw PolicyErrors.missingField("Effect");
        }
        String effectText = text(node.get("Effect"), "Effect");
        Effect effect = switch (effectText) {
            case "Allow" -> Effect.Allow;
            case "Deny" -> Effect.Deny;
            default -> throw PolicyErrors.invalidEffect(effectText);
        };
        Patterns actions = pair(node, "Action", "NotAction").orElseThrow(PolicyErrors::missingActions);
        actions.values().stream().filter(a -> !a.equals("*") && a.indexOf(':') <= 0).findFirst().ifPresent(a -> {
            throw PolicyErrors.invalidAction(a);
        });
        Patterns resources = pair(node, "Resource", "NotResource").orElseThrow(PolicyErrors::missingResources);
        resources.values().stream().filter(r -> !r.equals("*") && !Arns.isArn(r)).findFirst().ifPresent(r -> {
            throw PolicyErrors.invalidResource(r);
        });
        Optional<PrincipalElement> principal = principal(node);
        if (kind == PolicyKind.IDENTITY && principal.isPresent()) {
            throw PolicyErrors.principalInIdentityPolicy();
        }
        if (kind == PolicyKind.RESOURCE && principal.isEmpty()) {
            throw PolicyErrors.missingField("Principal");
        }
        List<Condition> conditions = node.has("Condition") ? conditions(node.get("Condition")) : List.of();
        return new Statement(sid, effect, actions, resources, principal, conditions);
    }

    /** An element that may be written as itself or as its Not form, never both. */
    private static Optional<Patterns> pair(JsonNode statement, String element, String negated) {
        if (statement.has(element) && statement.has(negated)) {
            throw PolicyErrors.both(element, negated);
        }
        String field = statement.has(negated) ? negated : element;
        if (!statement.has(field)) {
            return Optional.empty();
        }
        List<String> values = strings(statement.get(field), field);
        if (values.isEmpty()) {
            throw PolicyErrors.emptyField(field);
        }
        return Optional.of(new Patterns(values, field.equals(negated)));
    }

    private static Optional<PrincipalElement> principal(JsonNode statement) {
        if (statement.has("Principal") && statement.has("NotPrincipal")) {
            throw PolicyErrors.both("Principal", "NotPrincipal");
        }
        boolean negated = statement.has("NotPrincipal");
        JsonNode node = statement.get(negated ? "NotPrincipal" : "Principal");
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            if (!node.asText().equals("*")) {
                throw PolicyErrors.invalidPrincipal(node.asText());
            }
            return Optional.of(new PrincipalElement(true, Map.of(), negated));
        }
        if (!node.isObject() || node.isEmpty()) {
            throw PolicyErrors.invalidPrincipal(node.toString());
        }
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!PRINCIPAL_TYPES.contains(entry.getKey())) {
                throw PolicyErrors.invalidPrincipal(entry.getKey());
            }
            List<String> values = strings(entry.getValue(), "Principal");
            if (entry.getKey().equals("AWS")) {
                values.stream().filter(v -> !v.equals("*") && !v.matches("\\d{12}") && !Arns.isArn(v)).findFirst()
                        .ifPresent(v -> {
                            throw PolicyErrors.invalidPrincipal("\"AWS\" : \"" + v + "\"");
                        });
            }
            byType.put(entry.getKey(), values);
        }
        boolean anyone = byType.getOrDefault("AWS", List.of()).contains("*");
        return Optional.of(new PrincipalElement(anyone, byType, negated));
    }

    private static List<Condition> conditions(JsonNode block) {
        if (!block.isObject()) {
            throw PolicyErrors.wrongType("Condition", "an object");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> op : block.properties()) {
            ConditionOperator operator = ConditionOperator.parse(op.getKey())
                    .orElseThrow(() -> PolicyErrors.invalidConditionType(op.getKey()));
            if (!op.getValue().isObject()) {
                throw PolicyErrors.wrongType("Condition " + op.getKey(), "an object of condition keys");
            }
            for (Map.Entry<String, JsonNode> key : op.getValue().properties()) {
                conditions.add(new Condition(operator, key.getKey(), strings(key.getValue(), key.getKey())));
            }
        }
        return conditions;
    }

    /** A string, or an array of strings; in conditions JSON numbers and booleans stand for their text. */
    private static List<String> strings(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : node.isArray() ? node : List.of(node)) {
            if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
                throw PolicyErrors.wrongType(field, "a string or an array of strings");
            }
            values.add(value.asText());
        }
        return values;
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw PolicyErrors.wrongType(field, "a string");
        }
        return node.asText();
    }

    private static void knownFields(JsonNode object, Set<String> known) {
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            if (!known.contains(member.getKey())) {
                throw PolicyErrors.unknownField(member.getKey());
            }
        }
    }
}
