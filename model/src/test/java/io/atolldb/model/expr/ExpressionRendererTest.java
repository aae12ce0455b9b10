package io.atolldb.model.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.expr.ast.Comparator;
import io.atolldb.model.expr.ast.Condition;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.ExpressionRenderer;
import io.atolldb.model.expr.ast.Operand;
import io.atolldb.model.expr.ast.Path;
import io.atolldb.model.expr.ast.Projection;
import io.atolldb.model.expr.ast.UpdateAction;
import io.atolldb.model.expr.ast.UpdateExpression;
import io.atolldb.model.expr.ast.UpdateValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tagged renderings: several legacy parameters of one request (Expected beside AttributeUpdates,
 * ScanFilter beside AttributesToGet) are rendered to expressions that share one set of
 * ExpressionAttributeNames and -Values, so their placeholders must never collide.
 */
class ExpressionRendererTest {
    private static final Condition A_IS_5 = new Condition.Compare(Comparator.EQ,
            new Operand.Attribute(Path.of("a")), new Operand.Value(AttributeValue.N.of("5")));
    private static final UpdateExpression SET_B_REMOVE_C = new UpdateExpression(List.of(
            new UpdateAction.Set(Path.of("b"), new UpdateValue.Value(new AttributeValue.S("x"))),
            new UpdateAction.Remove(Path.of("c"))));

    @Test
    void withoutATagPlaceholdersAreNumberedHashNAndColonV() {
        var rendered = ExpressionRenderer.render(A_IS_5);

        assertThat(rendered.expression()).isEqualTo("#n0 = :v0");
        assertThat(rendered.names()).isEqualTo(Map.of("#n0", "a"));
        assertThat(rendered.values()).isEqualTo(Map.of(":v0", AttributeValue.N.of("5")));
    }

    @Test
    void aTagGoesBetweenTheSigilAndTheKindLetterOfEveryPlaceholder() {
        var condition = ExpressionRenderer.render(A_IS_5, "c");
        var update = ExpressionRenderer.render(SET_B_REMOVE_C, "u");
        var projection = ExpressionRenderer.render(new Projection(List.of(Path.of("a"), Path.of("b"))), "p");

        assertThat(condition.expression()).isEqualTo("#cn0 = :cv0");
        assertThat(condition.names()).containsOnlyKeys("#cn0");
        assertThat(condition.values()).containsOnlyKeys(":cv0");
        assertThat(update.expression()).isEqualTo("SET #un0 = :uv0 REMOVE #un1");
        assertThat(update.names()).isEqualTo(Map.of("#un0", "b", "#un1", "c"));
        assertThat(projection.expression()).isEqualTo("#pn0, #pn1");
    }

    @Test
    void renderingsWithDifferentTagsShareOnePlaceholderMapAndEachParsesBackToItsTree() {
        var condition = ExpressionRenderer.render(A_IS_5, "c");
        var update = ExpressionRenderer.render(SET_B_REMOVE_C, "u");
        Map<String, String> names = new HashMap<>(condition.names());
        names.putAll(update.names());
        Map<String, AttributeValue> values = new HashMap<>(condition.values());
        values.putAll(update.values());

        assertThat(names).hasSize(condition.names().size() + update.names().size());
        assertThat(values).hasSize(condition.values().size() + update.values().size());
        var resolver = Expressions.resolver(names, values);
        assertThat(resolver.condition(condition.expression(), ExpressionKind.CONDITION)).isEqualTo(A_IS_5);
        assertThat(resolver.update(update.expression())).isEqualTo(SET_B_REMOVE_C);
    }

    @Test
    void aTagIsLowercaseAsciiLettersOnly() {
        for (String tag : List.of("C", "u1", "#", "u_", " ")) {
            assertThatThrownBy(() -> ExpressionRenderer.render(A_IS_5, tag))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(tag);
        }
    }
}
