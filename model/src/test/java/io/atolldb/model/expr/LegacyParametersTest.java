package io.atolldb.model.expr;

import static io.atolldb.model.expr.TestValues.item;
import static io.atolldb.model.expr.TestValues.l;
import static io.atolldb.model.expr.TestValues.n;
import static io.atolldb.model.expr.TestValues.s;
import static io.atolldb.model.expr.TestValues.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.KeySchema;
import io.atolldb.model.PrimaryKey;
import io.atolldb.model.expr.ast.AstPrinter;
import io.atolldb.model.expr.ast.Condition;
import io.atolldb.model.expr.key.SortKeyCondition;
import io.atolldb.model.expr.legacy.AttributeUpdate;
import io.atolldb.model.expr.legacy.ComparisonOperator;
import io.atolldb.model.expr.legacy.ConditionalOperator;
import io.atolldb.model.expr.legacy.ExpectedCondition;
import io.atolldb.model.expr.legacy.FilterCondition;
import io.atolldb.model.expr.legacy.LegacyConditions;
import io.atolldb.model.expr.legacy.LegacyParameters;
import io.atolldb.model.expr.legacy.ParameterRules;
import io.atolldb.model.expr.legacy.ParameterRules.Operation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The legacy parameters, checking the DynamoDB Developer Guide, "Legacy conditional parameters"
 * (Expected, AttributeUpdates, AttributesToGet, KeyConditions, QueryFilter, ScanFilter,
 * ConditionalOperator) and the rule against mixing them with expressions.
 */
class LegacyParametersTest {
    private static final KeySchema SCHEMA = new KeySchema(new KeySchema.KeyAttribute("pk", KeySchema.ScalarType.S),
            Optional.of(new KeySchema.KeyAttribute("sk", KeySchema.ScalarType.N)));
    private static final Item STORED = item("pk", s("p"), "sk", n("1"), "a", n("5"), "t", ss("x", "y"), "l", l(s("e")));
    private static final Optional<ConditionalOperator> NONE = Optional.empty();

    private static boolean holds(Optional<Condition> condition) {
        return Expressions.matches(condition.orElseThrow(), Optional.of(STORED));
    }

    private static ExpectedCondition compare(String attribute, ComparisonOperator operator, AttributeValue... values) {
        return ExpectedCondition.compare(attribute, operator, List.of(values));
    }

    @Test
    void expectedValueMeansEqualAndExistsFalseMeansAbsent() {
        var condition = LegacyConditions.expected(List.of(ExpectedCondition.equalTo("a", n("5")),
                ExpectedCondition.absent("b")), NONE);
        assertThat(AstPrinter.print(condition.orElseThrow())).isEqualTo("((a = 5) AND attribute_not_exists(b))");
        assertThat(holds(condition)).isTrue();
        assertThat(LegacyConditions.expected(List.of(), NONE)).isEmpty();
    }

    @Test
    void comparisonOperatorsKeepTheirLegacyMeaning() {
        assertThat(holds(LegacyConditions.expected(List.of(compare("absent", ComparisonOperator.NE, n("1"))), NONE))).isTrue();
        assertThat(holds(LegacyConditions.expected(List.of(compare("absent", ComparisonOperator.NULL)), NONE))).isTrue();
        assertThat(holds(LegacyConditions.expected(List.of(compare("absent", ComparisonOperator.NOT_CONTAINS, s("x"))),
                NONE))).isFalse();
        assertThat(holds(LegacyConditions.expected(List.of(compare("t", ComparisonOperator.NOT_CONTAINS, s("z"))),
                NONE))).isTrue();
        assertThat(holds(LegacyConditions.expected(List.of(compare("a", ComparisonOperator.BETWEEN, n("1"), n("5"))),
                NONE))).isTrue();
        assertThat(holds(LegacyConditions.expected(List.of(compare("a", ComparisonOperator.IN, n("4"), n("5"))),
                NONE))).isTrue();
    }

    @Test
    void conditionalOperatorOrNeedsOnlyOneConditionToHold() {
        var entries = List.of(ExpectedCondition.equalTo("a", n("6")), ExpectedCondition.absent("b"));
        assertThat(holds(LegacyConditions.expected(entries, Optional.of(ConditionalOperator.OR)))).isTrue();
        assertThat(holds(LegacyConditions.expected(entries, Optional.of(ConditionalOperator.AND)))).isFalse();
        assertThatThrownBy(() -> LegacyConditions.expected(List.of(), Optional.of(ConditionalOperator.AND)))
                .hasMessage("ConditionalOperator cannot be used without Filter or Expected");
        assertThatThrownBy(() -> LegacyConditions.scanFilter(List.of(new FilterCondition("a", ComparisonOperator.NOT_NULL,
                List.of())), Optional.of(ConditionalOperator.OR)))
                .hasMessage("ConditionalOperator can only be used when Filter or Expected has two or more elements");
    }

    @Test
    void malformedExpectedEntriesAreRejectedWithDynamoDbsWording() {
        String invalid = "One or more parameter values were invalid: ";
        assertThatThrownBy(() -> LegacyConditions.expected(List.of(new ExpectedCondition("a", Optional.of(n("1")),
                Optional.empty(), Optional.of(ComparisonOperator.EQ), List.of(n("1")))), NONE))
                .hasMessage(invalid + "Value and AttributeValueList cannot be used together for Attribute: a");
        assertThatThrownBy(() -> LegacyConditions.expected(List.of(new ExpectedCondition("a", Optional.empty(),
                Optional.of(true), Optional.of(ComparisonOperator.NULL), List.of())), NONE))
                .hasMessage(invalid + "Exists and ComparisonOperator cannot be used together for Attribute: a");
        assertThatThrownBy(() -> LegacyConditions.expected(List.of(compare("a", ComparisonOperator.EQ)), NONE))
                .hasMessage(invalid + "Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: a");
        assertThatThrownBy(() -> LegacyConditions.expected(List.of(new ExpectedCondition("a", Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(n("1")))), NONE))
                .hasMessage(invalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: a");
        assertThatThrownBy(() -> LegacyConditions.expected(List.of(new ExpectedCondition("a", Optional.empty(),
                Optional.empty(), Optional.empty(), List.of())), NONE))
                .hasMessage(invalid + "Value must be provided when Exists is null for Attribute: a");
        assertThatThrownBy(() -> LegacyConditions.expected(List.of(new ExpectedCondition("a", Optional.empty(),
                Optional.of(true), Optional.empty(), List.of())), NONE))
                .hasMessage(invalid + "Value must be provided when Exists is true for Attribute: a");
        assertThatThrownBy(() -> LegacyConditions.expected(List.of(new ExpectedCondition("a", Optional.of(n("1")),
                Optional.of(false), Optional.empty(), List.of())), NONE))
                .hasMessage(invalid + "Value cannot be used when Exists is false for Attribute: a");
    }

    @Test
    void valueListsAreCheckedForCountTypesAndOrder() {
        String invalid = "One or more parameter values were invalid: ";
        assertThatThrownBy(() -> LegacyConditions.scanFilter(List.of(new FilterCondition("a", ComparisonOperator.EQ,
                List.of(n("1"), n("2")))), NONE)).hasMessage(invalid + "Invalid number of argument(s) for the EQ ComparisonOperator");
        assertThatThrownBy(() -> LegacyConditions.scanFilter(List.of(new FilterCondition("a", ComparisonOperator.IN,
                List.of(s("b"), n("1")))), NONE)).hasMessage(invalid + "AttributeValues inside AttributeValueList must be of same type");
        assertThatThrownBy(() -> LegacyConditions.scanFilter(List.of(new FilterCondition("a", ComparisonOperator.LT,
                List.of(l()))), NONE)).hasMessage(invalid + "ComparisonOperator LT is not valid for L AttributeValue type");
        assertThatThrownBy(() -> LegacyConditions.scanFilter(List.of(new FilterCondition("a", ComparisonOperator.BEGINS_WITH,
                List.of(n("1")))), NONE)).hasMessage(invalid + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
        assertThatThrownBy(() -> LegacyConditions.scanFilter(List.of(new FilterCondition("a", ComparisonOperator.BETWEEN,
                List.of(s("b"), s("a")))), NONE))
                .hasMessage("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
    }

    @Test
    void aQueryFilterCannotTestKeyAttributes() {
        assertThatThrownBy(() -> LegacyConditions.queryFilter(List.of(new FilterCondition("sk", ComparisonOperator.NOT_NULL,
                List.of())), NONE, SCHEMA))
                .hasMessage("QueryFilter can only contain non-primary key attributes: Primary key attribute: sk");
    }

    @Test
    void attributeUpdatesPutAddAndDelete() {
        var update = LegacyParameters.attributeUpdates(List.of(
                new AttributeUpdate("a", Optional.of(n("2")), AttributeUpdate.Action.ADD),
                new AttributeUpdate("t", Optional.of(ss("x")), AttributeUpdate.Action.DELETE),
                new AttributeUpdate("l", Optional.of(l(s("f"))), AttributeUpdate.Action.ADD),
                new AttributeUpdate("new", Optional.of(s("v")), AttributeUpdate.Action.PUT),
                new AttributeUpdate("sk2", Optional.empty(), AttributeUpdate.Action.DELETE)), SCHEMA);
        var result = Expressions.apply(update, Optional.of(STORED), new PrimaryKey(s("p"), n("1")), SCHEMA).item();
        assertThat(result).isEqualTo(item("pk", s("p"), "sk", n("1"), "a", n("7"), "t", ss("y"), "l", l(s("e"), s("f")),
                "new", s("v")));
    }

    @Test
    void attributeUpdatesAreValidatedWithDynamoDbsWording() {
        String invalid = "One or more parameter values were invalid: ";
        assertThatThrownBy(() -> LegacyParameters.attributeUpdates(List.of(new AttributeUpdate("a", Optional.empty(),
                AttributeUpdate.Action.PUT)), SCHEMA))
                .hasMessage(invalid + "Only DELETE action is allowed when no attribute value is specified");
        assertThatThrownBy(() -> LegacyParameters.attributeUpdates(List.of(new AttributeUpdate("a", Optional.of(s("x")),
                AttributeUpdate.Action.DELETE)), SCHEMA))
                .hasMessage(invalid + "DELETE action with value is not supported for the type S");
        assertThatThrownBy(() -> LegacyParameters.attributeUpdates(List.of(new AttributeUpdate("a", Optional.of(s("x")),
                AttributeUpdate.Action.ADD)), SCHEMA)).hasMessage(invalid + "ADD action is not supported for the type S");
        assertThatThrownBy(() -> LegacyParameters.attributeUpdates(List.of(new AttributeUpdate("pk", Optional.of(s("x")),
                AttributeUpdate.Action.PUT)), SCHEMA))
                .hasMessage(invalid + "Cannot update attribute pk. This attribute is part of the key");
    }

    @Test
    void attributesToGetProjectsTopLevelNamesTakenLiterally() {
        var projection = LegacyParameters.attributesToGet(List.of("a", "x.y"));
        assertThat(Expressions.project(projection, item("a", n("1"), "x.y", s("dotted"), "x", s("no"))))
                .isEqualTo(item("a", n("1"), "x.y", s("dotted")));
        assertThatThrownBy(() -> LegacyParameters.attributesToGet(List.of("a", "a")))
                .hasMessage("One or more parameter values were invalid: Duplicate value in attribute name: a");
    }

    @Test
    void keyConditionsGoThroughTheSameSchemaChecksAsExpressions() {
        var key = LegacyParameters.keyConditions(List.of(new FilterCondition("pk", ComparisonOperator.EQ, List.of(s("p"))),
                new FilterCondition("sk", ComparisonOperator.BETWEEN, List.of(n("1"), n("3")))), SCHEMA);
        assertThat(key.partitionKey()).isEqualTo(s("p"));
        assertThat(key.sortKey()).contains(SortKeyCondition.Range.between("sk", n("1"), n("3")));
        assertThatThrownBy(() -> LegacyParameters.keyConditions(List.of(new FilterCondition("pk", ComparisonOperator.EQ,
                List.of(s("p"))), new FilterCondition("sk", ComparisonOperator.NOT_NULL, List.of())), SCHEMA))
                .hasMessage("Attempted conditional constraint is not an indexable operation");
        assertThatThrownBy(() -> LegacyParameters.keyConditions(List.of(), SCHEMA))
                .hasMessage("Conditions can be of length 1 or 2 only");
        assertThatThrownBy(() -> LegacyParameters.keyConditions(List.of(new FilterCondition("sk", ComparisonOperator.EQ,
                List.of(n("1")))), SCHEMA)).hasMessage("Query condition missed key schema element: pk");
    }

    @Test
    void expressionAndLegacyParametersCannotBeMixed() {
        assertThatThrownBy(() -> ParameterRules.check(Operation.UPDATE_ITEM, Set.of("AttributeUpdates", "Expected",
                "ConditionalOperator", "UpdateExpression", "ConditionExpression", "ExpressionAttributeValues")))
                .hasMessage("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributeUpdates, Expected, ConditionalOperator} "
                        + "Expression parameters: {UpdateExpression, ConditionExpression}");
        assertThatThrownBy(() -> ParameterRules.check(Operation.QUERY, Set.of("KeyConditions", "QueryFilter",
                "ConditionalOperator", "KeyConditionExpression", "FilterExpression", "ProjectionExpression")))
                .hasMessage("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {QueryFilter, ConditionalOperator, KeyConditions} "
                        + "Expression parameters: {ProjectionExpression, FilterExpression, KeyConditionExpression}");
        assertThatCode(() -> ParameterRules.check(Operation.QUERY, Set.of("KeyConditions", "FilterExpression",
                "ExpressionAttributeValues"))).doesNotThrowAnyException();
    }

    @Test
    void placeholderMapsNeedAnExpressionThatCanUseThem() {
        assertThatThrownBy(() -> ParameterRules.check(Operation.GET_ITEM, Set.of("ExpressionAttributeNames")))
                .hasMessage("ExpressionAttributeNames can only be specified when using expressions");
        assertThatThrownBy(() -> ParameterRules.check(Operation.UPDATE_ITEM, Set.of("ExpressionAttributeValues")))
                .hasMessage("ExpressionAttributeValues can only be specified when using expressions: "
                        + "UpdateExpression and ConditionExpression are null");
        assertThatThrownBy(() -> ParameterRules.check(Operation.SCAN, Set.of("ProjectionExpression",
                "ExpressionAttributeValues")))
                .hasMessage("ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null");
    }
}
