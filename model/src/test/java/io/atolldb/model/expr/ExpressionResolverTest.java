package io.atolldb.model.expr;

import static io.atolldb.model.expr.TestValues.n;
import static io.atolldb.model.expr.TestValues.ss;
import static io.atolldb.model.expr.TestValues.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.ValidationError;
import io.atolldb.model.expr.ast.AstPrinter;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.parse.ReservedWords;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Placeholders and limits, checking the Developer Guide, "Expression attribute names",
 * "Expression attribute values" and the expression limits in "Constraints".
 */
class ExpressionResolverTest {

    @Test
    void unusedPlaceholdersAreReportedAcrossAllExpressionsOfARequest() {
        var resolver = ExpressionResolver.of(Map.of("#a", "a", "#b", "b"), values(":v", n("1"), ":w", n("2")));
        resolver.update("SET #a = :v");
        assertThatThrownBy(resolver::requireAllUsed).isInstanceOf(ValidationError.class)
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
        resolver.condition("#b = :w", ExpressionKind.CONDITION);
        assertThatCode(resolver::requireAllUsed).doesNotThrowAnyException();
    }

    @Test
    void unusedValuesAreReportedAfterUnusedNames() {
        var resolver = ExpressionResolver.of(Map.of(), values(":v", n("1"), ":x", n("2"), ":y", n("3")));
        resolver.condition("a = :v", ExpressionKind.FILTER);
        assertThatThrownBy(resolver::requireAllUsed)
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x, :y}");
    }

    @Test
    void undefinedPlaceholdersNameTheParameter() {
        assertThatThrownBy(() -> Expressions.condition("#n = :v", Map.of(), values(":v", n("1")), ExpressionKind.FILTER))
                .hasMessage("Invalid FilterExpression: An expression attribute name used in the document path is not "
                        + "defined; attribute name: #n");
        assertThatThrownBy(() -> Expressions.update("SET a = :v", Map.of(), Map.of()))
                .hasMessage("Invalid UpdateExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :v");
    }

    @Test
    void placeholderMapsAreCheckedBeforeAnyExpression() {
        assertThatThrownBy(() -> ExpressionResolver.of(Optional.of(Map.of()), Optional.empty()))
                .hasMessage("ExpressionAttributeNames must not be empty");
        assertThatThrownBy(() -> ExpressionResolver.of(Optional.empty(), Optional.of(Map.of())))
                .hasMessage("ExpressionAttributeValues must not be empty");
        assertThatThrownBy(() -> ExpressionResolver.of(Map.of("#a-b", "a"), Map.of()))
                .hasMessage("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"");
        assertThatThrownBy(() -> ExpressionResolver.of(Map.of("#", "a"), Map.of()))
                .hasMessage("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"");
        assertThatThrownBy(() -> ExpressionResolver.of(Map.of("#" + "a".repeat(255), "a"), Map.of()))
                .hasMessage("ExpressionAttributeNames contains invalid key: The expression attribute map contains a key "
                        + "that is too long; size of key: 256");
        assertThatThrownBy(() -> ExpressionResolver.of(Map.of("#a", ""), Map.of()))
                .hasMessage("ExpressionAttributeNames contains invalid value: Empty attribute name for key #a");
        assertThatThrownBy(() -> ExpressionResolver.of(Map.of(), values("a", n("1"))))
                .hasMessage("ExpressionAttributeValues contains invalid key: Syntax error; key: \"a\"");
        assertThatThrownBy(() -> ExpressionResolver.of(Map.of(), values(":" + "a".repeat(255), n("1"))))
                .hasMessage("ExpressionAttributeValues contains invalid key: The expression attribute map contains a key "
                        + "that is too long;");
        assertThatThrownBy(() -> ExpressionResolver.of(Map.of(), values(":v", new AttributeValue.SS(List.of()))))
                .hasMessage("ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: "
                        + "An string set  may not be empty for key :v");
    }

    @Test
    void expressionsMayBe4096BytesAndNoMore() {
        String name = "a" + "z".repeat(4095);
        assertThatCode(() -> Expressions.projection(name, Map.of())).doesNotThrowAnyException();
        String tooLong = name + "z";
        assertThatThrownBy(() -> Expressions.projection(tooLong, Map.of()))
                .hasMessage("Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size;");
        String condition = tooLong + " = :v";
        assertThatThrownBy(() -> Expressions.condition(condition, Map.of(), values(":v", n("1")), ExpressionKind.CONDITION))
                .hasMessage("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; "
                        + "expression size: 4102");
        assertThatThrownBy(() -> Expressions.update("SET " + tooLong + " = :v", Map.of(), values(":v", n("1"))))
                .hasMessage("Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;");
    }

    @Test
    void inTakesAtMostOneHundredCandidates() {
        String hundred = IntStream.range(0, 100).mapToObj(i -> ":v").collect(Collectors.joining(", "));
        assertThatCode(() -> Expressions.condition("a IN (" + hundred + ")", Map.of(), values(":v", n("1")),
                ExpressionKind.CONDITION)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Expressions.condition("a IN (" + hundred + ", :v)", Map.of(), values(":v", n("1")),
                ExpressionKind.CONDITION)).hasMessage("Invalid ConditionExpression: Incorrect number of operands for "
                + "operator or function; operator or function: IN, number of operands: 101");
    }

    @Test
    void anExpressionHasAtMost300OperatorsAndDeepNestingFailsCleanly() {
        String many = IntStream.range(0, 301).mapToObj(i -> "a = :v").collect(Collectors.joining(" OR "));
        assertThatThrownBy(() -> Expressions.condition(many, Map.of(), values(":v", n("1")), ExpressionKind.CONDITION))
                .hasMessageStartingWith("Invalid ConditionExpression: The expression contains too many operators");
        String deep = "NOT(".repeat(800) + "a = :v" + ")".repeat(800);
        assertThatThrownBy(() -> Expressions.condition(deep, Map.of(), values(":v", n("1")), ExpressionKind.CONDITION))
                .hasMessage("Invalid ConditionExpression: The expression is nested too deeply; maximum depth: 400");
    }

    @Test
    void reservedWordsAreTheDevelopersGuideListInAnyCase() {
        assertThat(ReservedWords.count()).isEqualTo(573);
        assertThat(ReservedWords.isReserved("Status")).isTrue();
        assertThat(ReservedWords.isReserved("statuses")).isFalse();
        assertThatCode(() -> Expressions.update("SET #s = :v", Map.of("#s", "status"), values(":v", ss("a"))))
                .doesNotThrowAnyException();
    }

    @Test
    void onlyConditionKindsUseTheConditionGrammar() {
        var resolver = ExpressionResolver.of(Map.of(), Map.of());
        assertThatThrownBy(() -> resolver.condition("a = b", ExpressionKind.UPDATE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AstPrinter.print(resolver.condition("a = b", ExpressionKind.KEY_CONDITION))).isEqualTo("(a = b)");
    }
}
