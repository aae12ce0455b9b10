package io.atolldb.model.expr.legacy;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Items;
import io.atolldb.model.KeySchema;
import io.atolldb.model.ValidationError;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.ast.Projection;
import io.atolldb.model.expr.ast.UpdateAction;
import io.atolldb.model.expr.ast.UpdateExpression;
import io.atolldb.model.expr.ast.UpdateValue;
import io.atolldb.model.expr.key.KeyCondition;
import io.atolldb.model.expr.key.KeyConditions;
import io.atolldb.model.expr.key.KeyTerm;
import io.atolldb.model.expr.update.UpdateApplier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The legacy AttributeUpdates, AttributesToGet and KeyConditions parameters as the same values the
 * expressions produce, with DynamoDB's validation. (Expected, QueryFilter and ScanFilter are in
 * {@link LegacyConditions}.)
 */
public final class LegacyParameters {
    private static final String INVALID = LegacyConditions.INVALID;

    private LegacyParameters() {
    }

    /**
     * AttributeUpdates as an update: PUT sets, DELETE without a value removes, DELETE with a set
     * subtracts, ADD adds a number or set or (legacy only) appends a list. An empty list is a valid,
     * empty update.
     */
    public static UpdateExpression attributeUpdates(List<AttributeUpdate> updates, KeySchema schema) {
        var actions = new ArrayList<UpdateAction>();
        for (var update : updates) {
            var path = Path.of(update.attribute());
            if (update.value().isEmpty()) {
                if (update.action() != AttributeUpdate.Action.DELETE) {
                    throw new ValidationError(INVALID + "Only DELETE action is allowed when no attribute value is specified");
                }
                actions.add(new UpdateAction.Remove(path));
                continue;
            }
            AttributeValue value = update.value().get();
            Items.validateValue(value);
            actions.add(switch (update.action()) {
                case PUT -> new UpdateAction.Set(path, new UpdateValue.Value(value));
                case DELETE -> {
                    if (!isSet(value)) {
                        throw new ValidationError(INVALID + "DELETE action with value is not supported for the type "
                                + value.typeName());
                    }
                    yield new UpdateAction.Delete(path, value);
                }
                case ADD -> {
                    if (!isSet(value) && !(value instanceof AttributeValue.N) && !(value instanceof AttributeValue.L)) {
                        throw new ValidationError(INVALID + "ADD action is not supported for the type " + value.typeName());
                    }
                    yield new UpdateAction.Add(path, value);
                }
            });
        }
        var update = new UpdateExpression(actions);
        UpdateApplier.requireKeyUntouched(update, schema);
        return update;
    }

    /** AttributesToGet as a projection of top-level attributes (names are taken literally). */
    public static Projection attributesToGet(List<String> attributes) {
        var seen = new HashSet<String>();
        for (var attribute : attributes) {
            if (!seen.add(attribute)) {
                throw new ValidationError(INVALID + "Duplicate value in attribute name: " + attribute);
            }
        }
        return new Projection(attributes.stream().map(Path::of).toList());
    }

    /** KeyConditions as a key condition, with the same schema checks as a KeyConditionExpression. */
    public static KeyCondition keyConditions(List<FilterCondition> conditions, KeySchema schema) {
        var terms = new ArrayList<KeyTerm>();
        for (var condition : conditions) {
            LegacyConditions.checkValueList(condition.operator(), condition.valueList());
            terms.add(new KeyTerm(condition.attribute(), switch (condition.operator()) {
                case EQ -> KeyTerm.Operator.EQ;
                case LT -> KeyTerm.Operator.LT;
                case LE -> KeyTerm.Operator.LE;
                case GT -> KeyTerm.Operator.GT;
                case GE -> KeyTerm.Operator.GE;
                case BETWEEN -> KeyTerm.Operator.BETWEEN;
                case BEGINS_WITH -> KeyTerm.Operator.BEGINS_WITH;
                default -> KeyTerm.Operator.NOT_INDEXABLE;
            }, condition.valueList()));
        }
        return KeyConditions.fromTerms(terms, schema);
    }

    private static boolean isSet(AttributeValue value) {
        return value instanceof AttributeValue.SS || value instanceof AttributeValue.NS || value instanceof AttributeValue.BS;
    }
}
