package io.atolldb.model.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Bytes;
import io.atolldb.model.Item;
import io.atolldb.model.KeySchema;
import io.atolldb.model.PrimaryKey;
import io.atolldb.model.ValidationError;
import io.atolldb.model.expr.ast.Condition;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.ExpressionRenderer;
import io.atolldb.model.expr.ast.Projection;
import io.atolldb.model.expr.ast.UpdateExpression;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Coverage-guided fuzzing (Jazzer) of the expression language: any text, as any kind of expression, with a
 * fixed set of placeholders, is either parsed and resolved or refused with a {@link ValidationError}, never
 * another exception (the router would answer 500, a replica's apply step would fail); in bounded time; and
 * what parses renders back to text that parses to the same tree (the router sends legacy parameters to the
 * replicas as rendered text). A parsed condition evaluates against an item, and a parsed update applies to
 * one or is refused with a ValidationError, as in a partition's apply step.
 *
 * <p>An input is one byte choosing the kind (condition, filter, key condition, update, projection) followed by
 * the expression's UTF-8 text. Without JAZZER_FUZZ the seeds (ExpressionFuzzTestInputs) run as a regression
 * test; with JAZZER_FUZZ=1 it fuzzes for 10 minutes (docs/compatibility.md).
 */
class ExpressionFuzzTest {
    private static final java.time.Duration PER_INPUT = java.time.Duration.ofSeconds(10);
    private static final KeySchema SCHEMA = new KeySchema(new KeySchema.KeyAttribute("pk", KeySchema.ScalarType.S),
            Optional.of(new KeySchema.KeyAttribute("sk", KeySchema.ScalarType.N)));
    private static final Map<String, String> NAMES = Map.of("#a", "a", "#b", "b.c", "#k", "pk", "#s", "sk",
            "#r", "size", "#l", "l");
    private static final Map<String, AttributeValue> VALUES = values();
    private static final Item ITEM = new Item(Map.of(
            "pk", new AttributeValue.S("p"), "sk", new AttributeValue.N(BigDecimal.ONE),
            "a", new AttributeValue.N(new BigDecimal("2.5")), "b.c", new AttributeValue.S("text"),
            "l", new AttributeValue.L(List.of(new AttributeValue.S("x"), new AttributeValue.M(Map.of(
                    "m", new AttributeValue.NS(List.of(BigDecimal.ONE, BigDecimal.TEN)))))),
            "s", new AttributeValue.SS(List.of("u", "v")), "n", AttributeValue.Null.INSTANCE));

    @FuzzTest(maxDuration = "10m")
    void anyTextIsParsedOrRefusedWithAValidationError(byte[] input) {
        if (input.length == 0) {
            return;
        }
        // Bounded time per input. (A JUnit @Timeout would bound the whole fuzzing run, one invocation.)
        assertTimeoutPreemptively(PER_INPUT, () -> check(input));
    }

    private static void check(byte[] input) {
        String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        ExpressionResolver resolver = Expressions.resolver(NAMES, VALUES);
        try {
            switch (Math.floorMod(input[0], 5)) {
                case 0 -> checkCondition(resolver.condition(text, ExpressionKind.CONDITION), ExpressionKind.CONDITION);
                case 1 -> checkCondition(resolver.condition(text, ExpressionKind.FILTER), ExpressionKind.FILTER);
                case 2 -> resolver.keyCondition(text, SCHEMA);
                case 3 -> checkUpdate(resolver.update(text));
                default -> checkProjection(resolver.projection(text));
            }
        } catch (ValidationError refused) {
            assertThat(refused.getMessage()).as("message of the refusal of %s", text).isNotBlank();
        }
    }

    private static void checkCondition(Condition condition, ExpressionKind kind) {
        var rendered = ExpressionRenderer.render(condition);
        assertThat(Expressions.condition(rendered.expression(), rendered.names(), rendered.values(), kind))
                .as("%s parsed back", rendered.expression()).isEqualTo(condition);
        Expressions.matches(condition, Optional.of(ITEM));
        Expressions.matches(condition, Optional.empty());
    }

    private static void checkUpdate(UpdateExpression update) {
        var rendered = ExpressionRenderer.render(update);
        assertThat(Expressions.update(rendered.expression(), rendered.names(), rendered.values()))
                .as("%s parsed back", rendered.expression()).isEqualTo(update);
        PrimaryKey key = new PrimaryKey(ITEM.get("pk"), ITEM.get("sk"));
        for (Optional<Item> existing : List.of(Optional.of(ITEM), Optional.<Item>empty())) {
            try {
                Expressions.apply(update, existing, key, SCHEMA);
            } catch (ValidationError refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        }
    }

    private static void checkProjection(Projection projection) {
        var rendered = ExpressionRenderer.render(projection);
        assertThat(Expressions.projection(rendered.expression(), rendered.names()))
                .as("%s parsed back", rendered.expression()).isEqualTo(projection);
        Expressions.project(projection, ITEM);
    }

    private static Map<String, AttributeValue> values() {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":s", new AttributeValue.S("x"));
        values.put(":n", new AttributeValue.N(BigDecimal.TEN));
        values.put(":b", new AttributeValue.B(Bytes.wrap(new byte[] {1, 2})));
        values.put(":t", new AttributeValue.Bool(true));
        values.put(":z", AttributeValue.Null.INSTANCE);
        values.put(":l", new AttributeValue.L(List.of(new AttributeValue.N(BigDecimal.ONE))));
        values.put(":m", new AttributeValue.M(Map.of("k", new AttributeValue.S("v"))));
        values.put(":ss", new AttributeValue.SS(List.of("u", "w")));
        values.put(":ns", new AttributeValue.NS(Arrays.asList(BigDecimal.ONE, new BigDecimal("-1E+5"))));
        values.put(":bs", new AttributeValue.BS(List.of(Bytes.wrap(new byte[] {3}))));
        values.put(":e", new AttributeValue.S(""));
        return values;
    }
}
