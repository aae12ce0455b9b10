package io.atolldb.model.expr;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.expr.ast.ConditionPaths;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.ast.Path;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionPathsTest {
    @Test
    void everyPathOfEveryConditionFormIsFoundInOrder() {
        var condition = Expressions.condition(
                "(a = :v OR size(#b) > :v) AND NOT contains(c.d, :v) AND e[1] BETWEEN :v AND f "
                        + "AND attribute_type(g, :t) AND begins_with(h, :s) AND i IN (:v, j) AND attribute_exists(k) "
                        + "AND attribute_not_exists(l)",
                Map.of("#b", "b"),
                Map.of(":v", new AttributeValue.N(BigDecimal.ONE), ":t", new AttributeValue.S("S"), ":s", new AttributeValue.S("x")),
                ExpressionKind.FILTER);
        assertThat(ConditionPaths.of(condition).stream().map(Path::attribute))
                .containsExactly("a", "b", "c", "e", "f", "g", "h", "i", "j", "k", "l");
    }
}
