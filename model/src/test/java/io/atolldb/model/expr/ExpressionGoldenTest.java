package io.atolldb.model.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Bytes;
import io.atolldb.model.KeySchema;
import io.atolldb.model.ValidationError;
import io.atolldb.model.expr.ast.AstPrinter;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.key.KeyCondition;
import io.atolldb.model.expr.key.SortKeyCondition;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests for the parsers and checkers: each file under {@code src/test/resources/expr} lists
 * expressions with the tree they print as or the exact error they raise. All cases share the
 * placeholders below; the unused-placeholder check is not run (it has its own unit tests).
 */
class ExpressionGoldenTest {
    static final Map<String, String> NAMES = Map.of("#n", "name", "#s", "status", "#dot", "a.b", "#x", "x",
            "#pk", "pk", "#sk", "sk");
    static final Map<String, AttributeValue> VALUES = values();
    static final KeySchema SCHEMA = new KeySchema(new KeySchema.KeyAttribute("pk", KeySchema.ScalarType.S),
            Optional.of(new KeySchema.KeyAttribute("sk", KeySchema.ScalarType.N)));

    @TestFactory
    Stream<DynamicTest> conditionExpressions() {
        return golden("condition.txt", text -> AstPrinter.print(resolver().condition(text, ExpressionKind.CONDITION)));
    }

    @TestFactory
    Stream<DynamicTest> updateExpressions() {
        return golden("update.txt", text -> AstPrinter.print(resolver().update(text)));
    }

    @TestFactory
    Stream<DynamicTest> projectionExpressions() {
        return golden("projection.txt", text -> AstPrinter.print(resolver().projection(text)));
    }

    @TestFactory
    Stream<DynamicTest> keyConditionExpressions() {
        return golden("key-condition.txt", text -> printed(resolver().keyCondition(text, SCHEMA)));
    }

    private static Stream<DynamicTest> golden(String file, Function<String, String> print) {
        Function<String, String> outcome = text -> {
            try {
                return "tree: " + print.apply(text);
            } catch (ValidationError e) {
                return "error: " + e.getMessage();
            }
        };
        if (GoldenFiles.UPDATE) {
            GoldenFiles.rewrite(file, outcome);
        }
        return GoldenFiles.read(file).stream().map(c -> DynamicTest.dynamicTest(file + ":" + c.line() + " " + c.expression(),
                () -> assertThat(outcome.apply(c.expression())).isEqualTo(c.expected())));
    }

    private static ExpressionResolver resolver() {
        return ExpressionResolver.of(NAMES, VALUES);
    }

    private static String printed(KeyCondition condition) {
        String text = condition.partitionKeyName() + " = " + AstPrinter.print(condition.partitionKey());
        return text + condition.sortKey().map(sk -> switch (sk) {
            case SortKeyCondition.Range r -> ", " + sk.attribute() + " in "
                    + (r.lowerInclusive() ? "[" : "(") + r.lower().map(AstPrinter::print).orElse("-inf") + ", "
                    + r.upper().map(AstPrinter::print).orElse("+inf") + (r.upperInclusive() ? "]" : ")");
            case SortKeyCondition.BeginsWith b -> ", " + sk.attribute() + " begins with " + AstPrinter.print(b.prefix());
        }).orElse("");
    }

    private static Map<String, AttributeValue> values() {
        var values = new LinkedHashMap<String, AttributeValue>();
        values.put(":s", new AttributeValue.S("str"));
        values.put(":t", new AttributeValue.S("SS"));
        values.put(":badtype", new AttributeValue.S("STRING"));
        values.put(":n", AttributeValue.N.of("1"));
        values.put(":m", AttributeValue.N.of("2"));
        values.put(":b", new AttributeValue.B(Bytes.wrap(new byte[] {1, 2})));
        values.put(":bool", new AttributeValue.Bool(true));
        values.put(":null", AttributeValue.Null.INSTANCE);
        values.put(":l", new AttributeValue.L(List.of(new AttributeValue.S("a"), AttributeValue.N.of("1"))));
        values.put(":map", new AttributeValue.M(Map.of("k", new AttributeValue.S("v"))));
        values.put(":ss", new AttributeValue.SS(List.of("a", "b")));
        values.put(":ns", new AttributeValue.NS(List.of(BigDecimal.ONE, BigDecimal.TEN)));
        values.put(":bs", new AttributeValue.BS(List.of(Bytes.wrap(new byte[] {1}))));
        return Map.copyOf(values);
    }
}
