package io.atolldb.model.expr;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Items;
import io.atolldb.model.KeySchema;
import io.atolldb.model.ValidationError;
import io.atolldb.model.expr.ast.Condition;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.Projection;
import io.atolldb.model.expr.ast.UpdateExpression;
import io.atolldb.model.expr.key.KeyCondition;
import io.atolldb.model.expr.key.KeyConditions;
import io.atolldb.model.expr.parse.ExpressionParser;
import io.atolldb.model.expr.parse.PlaceholderLookup;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and resolves all the expressions of one request against that request's
 * ExpressionAttributeNames and ExpressionAttributeValues, then checks that every placeholder was used
 * by some expression ({@link #requireAllUsed}), as DynamoDB does across all expressions of a request.
 *
 * <p>Creating one checks the two maps themselves (keys like {@code #name} and {@code :value}, at most
 * 255 bytes, non-empty names, valid values). Call the expression methods in DynamoDB's order
 * (update, condition, key condition, filter, projection) so that the first error reported is the one
 * DynamoDB reports. Not thread-safe: one per request.
 */
public final class ExpressionResolver implements PlaceholderLookup {
    private static final int MAX_PLACEHOLDER_BYTES = 255;
    /**
     * The sum of the lengths of a request's ExpressionAttributeNames and ExpressionAttributeValues (Developer
     * Guide, quotas: expression parameters, "substitution variables"): 2 MB. Values count by the item size rules.
     */
    public static final long MAX_SUBSTITUTION_BYTES = 2L * 1024 * 1024;
    private static final Pattern NAME_KEY = Pattern.compile("#[A-Za-z0-9_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[A-Za-z0-9_]+");

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> unusedNames;
    private final Set<String> unusedValues;

    private ExpressionResolver(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names;
        this.values = values;
        this.unusedNames = new LinkedHashSet<>(names.keySet());
        this.unusedValues = new LinkedHashSet<>(values.keySet());
    }

    /**
     * A resolver for a request's maps; empty when the request does not send the parameter. A map that
     * is sent but empty is an error, as in DynamoDB.
     */
    public static ExpressionResolver of(Optional<Map<String, String>> names, Optional<Map<String, AttributeValue>> values) {
        names.ifPresent(ExpressionResolver::checkNames);
        values.ifPresent(ExpressionResolver::checkValues);
        checkTotalSize(names.orElse(Map.of()), values.orElse(Map.of()));
        return new ExpressionResolver(new LinkedHashMap<>(names.orElse(Map.of())),
                new LinkedHashMap<>(values.orElse(Map.of())));
    }

    /** A resolver for maps that may be empty (an empty map counts as not sent). */
    public static ExpressionResolver of(Map<String, String> names, Map<String, AttributeValue> values) {
        return of(names.isEmpty() ? Optional.empty() : Optional.of(names),
                values.isEmpty() ? Optional.empty() : Optional.of(values));
    }

    /** A ConditionExpression, FilterExpression or KeyConditionExpression as a resolved condition. */
    public Condition condition(String expression, ExpressionKind kind) {
        return ExpressionParser.condition(expression, kind, this);
    }

    public UpdateExpression update(String expression) {
        return ExpressionParser.update(expression, this);
    }

    public Projection projection(String expression) {
        return ExpressionParser.projection(expression, this);
    }

    /** A KeyConditionExpression, checked against the table's (or index's) key schema. */
    public KeyCondition keyCondition(String expression, KeySchema schema) {
        return KeyConditions.fromExpression(condition(expression, ExpressionKind.KEY_CONDITION), schema);
    }

    /** Fails when a name or value was not used by any expression resolved so far (names are checked first). */
    public void requireAllUsed() {
        if (!unusedNames.isEmpty()) {
            throw new ValidationError("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        if (!unusedValues.isEmpty()) {
            throw new ValidationError("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }

    @Override
    public Optional<String> name(String placeholder) {
        var name = Optional.ofNullable(names.get(placeholder));
        name.ifPresent(n -> unusedNames.remove(placeholder));
        return name;
    }

    @Override
    public Optional<AttributeValue> value(String placeholder) {
        var value = Optional.ofNullable(values.get(placeholder));
        value.ifPresent(v -> unusedValues.remove(placeholder));
        return value;
    }

    private static void checkNames(Map<String, String> names) {
        if (names.isEmpty()) {
            throw new ValidationError("ExpressionAttributeNames must not be empty");
        }
        names.forEach((key, name) -> {
            int size = key.getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_PLACEHOLDER_BYTES) {
                throw new ValidationError("ExpressionAttributeNames contains invalid key: The expression attribute map "
                        + "contains a key that is too long; size of key: " + size);
            }
            if (!NAME_KEY.matcher(key).matches()) {
                throw new ValidationError("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
            }
            if (name.isEmpty()) {
                throw new ValidationError("ExpressionAttributeNames contains invalid value: Empty attribute name for key " + key);
            }
            if (name.getBytes(StandardCharsets.UTF_8).length > Items.MAX_ATTRIBUTE_NAME_BYTES) {
                throw new ValidationError("ExpressionAttributeNames contains invalid value: Attribute name is too large, "
                        + "must be less than " + (Items.MAX_ATTRIBUTE_NAME_BYTES + 1) + " bytes for key " + key);
            }
        });
    }

    private static void checkTotalSize(Map<String, String> names, Map<String, AttributeValue> values) {
        long valueBytes = 0;
        for (var entry : values.entrySet()) {
            valueBytes += utf8Length(entry.getKey()) + Items.valueSize(entry.getValue());
        }
        if (valueBytes > MAX_SUBSTITUTION_BYTES) {
            throw new ValidationError("ExpressionAttributeValues exceeds max size"); // DynamoDB Local's wording
        }
        long total = valueBytes;
        for (var entry : names.entrySet()) {
            total += utf8Length(entry.getKey()) + utf8Length(entry.getValue());
        }
        if (total > MAX_SUBSTITUTION_BYTES) {
            throw new ValidationError("ExpressionAttributeNames and ExpressionAttributeValues together exceed the maximum "
                    + "size of " + MAX_SUBSTITUTION_BYTES + " bytes");
        }
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void checkValues(Map<String, AttributeValue> values) {
        if (values.isEmpty()) {
            throw new ValidationError("ExpressionAttributeValues must not be empty");
        }
        values.forEach((key, value) -> {
            if (key.getBytes(StandardCharsets.UTF_8).length > MAX_PLACEHOLDER_BYTES) {
                // sic: unlike for names, DynamoDB does not give the size here.
                throw new ValidationError("ExpressionAttributeValues contains invalid key: The expression attribute map "
                        + "contains a key that is too long;");
            }
            if (!VALUE_KEY.matcher(key).matches()) {
                throw new ValidationError("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
            }
        });
        values.forEach((key, value) -> {
            try {
                Items.validateValue(value);
            } catch (ValidationError e) {
                throw new ValidationError("ExpressionAttributeValues contains invalid value: " + e.getMessage()
                        + " for key " + key);
            }
        });
    }
}
